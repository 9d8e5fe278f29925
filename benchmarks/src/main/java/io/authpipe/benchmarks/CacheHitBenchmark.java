package io.authpipe.benchmarks;

import io.authpipe.sdk.Authpipe;
import io.authpipe.sdk.Credential;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Java SDK's cache hit ({@code Authpipe.getCredential} answered from the cache: two map lookups, the clock, the
 * freshness and expiry checks, the LRU tick, a hit counter) against the least a cache can do, one
 * {@code ConcurrentHashMap.get} of a stored credential. Both cycle over the same 1,000 user ids. The SDK's cache is
 * filled over real HTTP from {@link CredentialServer} in set-up; its stream is refused there, so entries stay fresh by
 * a {@code maxStaleness} of a day. The goal: a hit at least half as fast as the bare map.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class CacheHitBenchmark {
    static final int USERS = 1_000;

    private CredentialServer server;
    private Authpipe authpipe;
    private final ConcurrentHashMap<String, Credential> map = new ConcurrentHashMap<>();
    private final String[] userIds = new String[USERS];

    /** Each thread's position in the user ids. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance() {
            next = next + 1 == USERS ? 0 : next + 1;
            return next;
        }
    }

    @Setup(Level.Trial)
    public void fill() throws IOException {
        server = new CredentialServer();
        authpipe = Authpipe.builder().apiKey(CredentialServer.API_KEY).baseUrl(server.url())
                .expiryMargin(Duration.ZERO).maxStaleness(Duration.ofDays(1)).build();
        for (int i = 0; i < USERS; i++) {
            userIds[i] = "user_" + i;
            map.put(userIds[i], authpipe.getCredential("mastodon", CredentialServer.TENANT, userIds[i]));
        }
    }

    @Benchmark
    public Credential cacheHit(Cursor cursor) {
        return authpipe.getCredential("mastodon", CredentialServer.TENANT, userIds[cursor.advance()]);
    }

    @Benchmark
    public Credential concurrentHashMapGet(Cursor cursor) {
        return map.get(userIds[cursor.advance()]);
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (authpipe.metrics().misses() != USERS) {
            throw new IllegalStateException("measured calls missed the cache: " + authpipe.metrics());
        }
        authpipe.close();
        server.close();
    }
}
