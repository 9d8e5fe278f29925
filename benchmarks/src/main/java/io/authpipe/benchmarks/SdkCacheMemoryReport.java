package io.authpipe.benchmarks;

import io.authpipe.sdk.Authpipe;
import java.io.IOException;
import java.time.Duration;

/**
 * Heap per cached credential in the Java SDK: the heap in use after GC before and after caching 10,000 connections
 * (each fetched over loopback HTTP from {@link CredentialServer}: a 43-character token, two scopes, a small account),
 * divided by 10,000. Prints one line.
 */
public final class SdkCacheMemoryReport {
    static final int ENTRIES = 10_000;

    private SdkCacheMemoryReport() {
    }

    public static void main(String[] args) throws IOException {
        try (CredentialServer server = new CredentialServer();
             Authpipe authpipe = Authpipe.builder().apiKey(CredentialServer.API_KEY).baseUrl(server.url())
                     .expiryMargin(Duration.ZERO).maxStaleness(Duration.ofDays(1)).maxEntries(2 * ENTRIES).build()) {
            authpipe.getCredential("mastodon", "warm-up");
            String[] userIds = new String[ENTRIES];
            for (int i = 0; i < ENTRIES; i++) {
                userIds[i] = "user_" + i;
            }
            long before = MemoryProbe.heapUsedAfterGc();
            for (String userId : userIds) {
                authpipe.getCredential("mastodon", userId);
            }
            long after = MemoryProbe.heapUsedAfterGc();
            System.out.printf("SDK cache: %,d entries, heap %+,d bytes after GC, %,d bytes per entry (%s)%n",
                    authpipe.metrics().entries(), after - before, (after - before) / ENTRIES, authpipe.metrics());
        }
    }
}
