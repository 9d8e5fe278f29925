package io.authpipe.sdk.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authpipe.sdk.Authpipe;
import io.authpipe.sdk.AuthpipeException;
import io.authpipe.sdk.CacheMetrics;
import io.authpipe.sdk.ConnectionRevokedException;
import io.authpipe.sdk.Credential;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the event stream brings: revocations within seconds, refreshed tokens before the old ones expire. */
@ExtendWith(SdkStackExtension.class)
class PushStackTest {
    private static final Logger LOG = LoggerFactory.getLogger(PushStackTest.class);
    private static final int SAMPLES = 10;

    @Test
    void aRevocationIsPushedAndThrownWithinSeconds(SdkStack stack) {
        List<String> users = IntStream.range(0, SAMPLES).mapToObj(i -> "revoke-" + i).toList();
        users.forEach(u -> stack.connect(stack.main(), u));
        try (Authpipe authpipe = StackClients.connected(stack, stack.main())) {
            users.forEach(u -> authpipe.getCredential("mastodon", u));
            CacheMetrics before = authpipe.metrics();
            Map<String, Long> revokedAt = new ConcurrentHashMap<>();
            users.forEach(u -> revokedAt.put(u, stack.revoke(stack.main(), u)));

            Map<String, Long> thrownAt = new ConcurrentHashMap<>();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> allThrown(authpipe, users, thrownAt));

            List<Long> lags = users.stream().map(u -> thrownAt.get(u) - revokedAt.get(u)).sorted().toList();
            CacheMetrics after = authpipe.metrics();
            LOG.info("MEASURE revocation at the sandbox to ConnectionRevokedException, {} samples: p50 {} ms, "
                    + "p99 {} ms, max {} ms; misses on the way {}, push lag max {}", SAMPLES, percentile(lags, 50),
                    percentile(lags, 99), lags.get(lags.size() - 1), after.misses() - before.misses(),
                    after.maxPushLag());
            assertThat(percentile(lags, 99)).isLessThan(15_000);
            assertThat(after.revalidations()).isEqualTo(before.revalidations());
            assertThat(after.lastPushLag()).isNotNull();
        }
    }

    private static boolean allThrown(Authpipe authpipe, List<String> users, Map<String, Long> thrownAt) {
        for (String user : users) {
            if (!thrownAt.containsKey(user)) {
                try {
                    authpipe.getCredential("mastodon", user);
                } catch (ConnectionRevokedException e) {
                    thrownAt.put(user, System.currentTimeMillis());
                } catch (AuthpipeException e) {
                    LOG.debug("while revoking user={} code={}", user, e.code());
                }
            }
        }
        return thrownAt.size() == users.size();
    }

    @Test
    void anExpiringTokenIsReplacedBeforeItExpiresWithoutAMiss(SdkStack stack) {
        stack.connect(stack.main(), "expiring-1");
        try (Authpipe authpipe = StackClients.connected(stack, stack.main())) {
            Credential first = authpipe.getCredential("mastodon", "expiring-1");
            CacheMetrics before = authpipe.metrics();
            List<Credential> seen = new ArrayList<>();

            await().atMost(SdkStack.TOKEN_TTL.plusSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
                Credential c = authpipe.getCredential("mastodon", "expiring-1");
                seen.add(c);
                return c.version() > first.version();
            });

            Credential next = seen.get(seen.size() - 1);
            CacheMetrics after = authpipe.metrics();
            assertThat(after.misses()).isEqualTo(before.misses());
            assertThat(after.refreshes()).isGreaterThan(before.refreshes());
            assertThat(seen).allSatisfy(c -> assertThat(c.expiresAt()).isAfter(Instant.now().minusMillis(100)));
            assertThat(next.token()).isNotEqualTo(first.token());
            assertThat(stack.accepts(next.token().reveal())).isTrue();
            LOG.info("MEASURE refreshed token cached {} ms before the old one expired; push lag {}",
                    Duration.between(Instant.now(), first.expiresAt()).toMillis(), after.lastPushLag());
        }
    }

    @Test
    void aTenantsStreamCarriesNoTokenAndNoOtherTenantsConnections(SdkStack stack) throws Exception {
        try (RawEventStream main = RawEventStream.open(stack.apiUrl(), stack.main().apiKey());
             RawEventStream other = RawEventStream.open(stack.apiUrl(), stack.other().apiKey())) {
            stack.connect(stack.main(), "sse-main");
            stack.connect(stack.other(), "sse-other");
            stack.disconnect(stack.other(), "sse-other");
            stack.disconnect(stack.main(), "sse-main");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(main.outline()).contains("connection.deleted");
                assertThat(other.outline()).contains("connection.deleted");
                assertThat(main.text()).contains("\"sse-main\"");
                assertThat(other.text()).contains("\"sse-other\"");
            });

            assertThat(other.text()).contains("event: ready").doesNotContain("sse-main");
            assertThat(main.text()).doesNotContain("sse-other");
            for (String token : stack.everyTokenIssued()) {
                assertThat(main.text()).doesNotContain(token);
                assertThat(other.text()).doesNotContain(token);
            }
        }
    }

    static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
