package io.authpipe.sdk.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.authpipe.sdk.Authpipe;
import io.authpipe.sdk.AuthpipeException;
import io.authpipe.sdk.CacheMetrics;
import io.authpipe.sdk.ConnectionNotFoundException;
import io.authpipe.sdk.Credential;
import io.authpipe.sdk.StreamState;
import io.authpipe.sdk.TenantMismatchException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** getCredential against the real stack: the README's call, the cache's hits, what never shows a secret. */
@ExtendWith(SdkStackExtension.class)
class GetCredentialStackTest {
    private static final Logger LOG = LoggerFactory.getLogger(GetCredentialStackTest.class);

    @Test
    void theSeedSnippetReturnsATokenTheSandboxAccepts(SdkStack stack) {
        stack.connect(stack.main(), "user_123");
        String tenantId = stack.main().id();

        try (Authpipe authpipe = StackClients.connected(stack, stack.main())) {
            Credential c = authpipe.getCredential("mastodon", tenantId, "user_123");

            assertThat(stack.accepts(c.token().reveal())).isTrue();
            assertThat(c.tokenType()).isEqualToIgnoringCase("bearer");
            assertThat(c.expiry()).isPresent();
            assertThat(c.account().username()).startsWith("sdkuser");
            assertThat(c.scopes()).contains("read");
        }
    }

    @Test
    void aTokenInsideTheMarginIsNeverServedFromTheCacheEachReadIsFetched(SdkStack stack) {
        stack.connect(stack.main(), "misses-1");
        // the default 60 s margin against the stack's 10 s tokens: every read is a miss. Straight to broker-api, not
        // through the test's proxy, so that the figure is the server's and the client's.
        try (Authpipe authpipe = Authpipe.builder().apiKey(stack.main().apiKey())
                .baseUrl(java.net.URI.create(stack.apiUrl())).build()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> authpipe.streamState() == StreamState.CONNECTED);
            authpipe.getCredential("mastodon", "misses-1");
            CacheMetrics before = authpipe.metrics();
            long serverBefore = stack.serverGetCredentialCount();

            int reads = 300;
            long started = System.nanoTime();
            for (int i = 0; i < reads; i++) {
                authpipe.getCredential("mastodon", "misses-1");
            }
            long nanos = System.nanoTime() - started;

            CacheMetrics after = authpipe.metrics();
            assertThat(after.hits()).isEqualTo(before.hits());
            assertThat(after.misses() - before.misses()).isEqualTo(reads);
            // a pushed refresh may land meanwhile: the only other request allowed
            assertThat(stack.serverGetCredentialCount() - serverBefore)
                    .isEqualTo(reads + after.refreshes() - before.refreshes());
            LOG.info("MEASURE {} misses over HTTP, one caller: {} misses/s ({} us each)", reads,
                    reads * 1_000_000_000L / nanos, nanos / reads / 1000);
        }
    }

    @Test
    void tenThousandHitsMakeNoServerRequest(SdkStack stack) {
        stack.connect(stack.main(), "hits-1");
        try (Authpipe authpipe = StackClients.connected(stack, stack.main())) {
            authpipe.getCredential("mastodon", "hits-1");
            CacheMetrics before = authpipe.metrics();
            long serverBefore = stack.serverGetCredentialCount();

            long started = System.nanoTime();
            for (int i = 0; i < 10_000; i++) {
                authpipe.getCredential("mastodon", stack.main().id(), "hits-1");
            }
            long nanos = System.nanoTime() - started;

            CacheMetrics after = authpipe.metrics();
            assertThat(after.hits() - before.hits()).isEqualTo(10_000);
            assertThat(after.misses()).isEqualTo(before.misses());
            // a pushed refresh may land meanwhile (tokens live 10 s): it is the only request allowed
            assertThat(stack.serverGetCredentialCount() - serverBefore)
                    .isEqualTo(after.refreshes() - before.refreshes());
            LOG.info("MEASURE 10,000 hits in {} us ({} ns per hit, cold JIT)", nanos / 1000, nanos / 10_000);
        }
    }

    @Test
    void anotherTenantIsRefusedBeforeAnyRequest(SdkStack stack) {
        try (Authpipe authpipe = StackClients.connected(stack, stack.main())) {
            long before = stack.serverGetCredentialCount();

            assertThatThrownBy(() -> authpipe.getCredential("mastodon", stack.other().id(), "user_123"))
                    .isInstanceOf(TenantMismatchException.class);

            assertThat(stack.serverGetCredentialCount()).isEqualTo(before);
        }
    }

    @Test
    void aConnectionOfAnotherTenantIsNotFound(SdkStack stack) {
        stack.connect(stack.main(), "mine-only");
        try (Authpipe other = StackClients.connected(stack, stack.other())) {
            assertThatThrownBy(() -> other.getCredential("mastodon", "mine-only"))
                    .isInstanceOf(ConnectionNotFoundException.class);
        }
    }

    @Test
    void noExceptionOrToStringShowsATokenOrAKey(SdkStack stack) {
        stack.connect(stack.main(), "secrets-1");
        stack.disconnect(stack.main(), "secrets-1");
        stack.connect(stack.main(), "secrets-2");
        List<String> printed = new ArrayList<>();
        try (Authpipe authpipe = StackClients.connected(stack, stack.main())) {
            Credential c = authpipe.getCredential("mastodon", "secrets-2");
            printed.add(c.toString());
            printed.add(c.token().toString());
            printed.add(authpipe.toString());
            printed.add(authpipe.metrics().toString());
            for (String user : List.of("secrets-1", "nobody")) {
                try {
                    authpipe.getCredential("mastodon", user);
                } catch (AuthpipeException e) {
                    printed.add(e.toString());
                }
            }
            try {
                authpipe.getCredential("mastodon", "another-tenant", "x");
            } catch (AuthpipeException e) {
                printed.add(e.toString());
            }
        }
        try (Authpipe badKey = StackClients.connectedOrNot(stack, stack.main().apiKey() + "x")) {
            printed.add(String.valueOf(badKey));
        } catch (IllegalArgumentException e) {
            printed.add(e.toString());
        }

        assertThat(printed).hasSizeGreaterThanOrEqualTo(7);
        List<String> secrets = new ArrayList<>(stack.everyTokenIssued());
        secrets.add(stack.main().apiKey());
        secrets.add(stack.main().apiKey().substring(stack.main().apiKey().length() - 43));
        for (String text : printed) {
            assertThat(secrets).noneMatch(text::contains);
        }
    }
}
