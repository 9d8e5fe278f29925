package io.authpipe.sdk.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.authpipe.sdk.Authpipe;
import io.authpipe.sdk.CacheMetrics;
import io.authpipe.sdk.ConnectionNotFoundException;
import io.authpipe.sdk.StreamState;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream drops (the proxy cuts it, or broker-api restarts): meanwhile entries are served for at most
 * maxStaleness and then revalidated; on reconnect the client resumes from its Last-Event-ID and a change made while
 * it was away arrives without a request.
 */
@ExtendWith(SdkStackExtension.class)
class StreamRecoveryStackTest {
    private static final Logger LOG = LoggerFactory.getLogger(StreamRecoveryStackTest.class);
    private static final Duration MAX_STALENESS = Duration.ofSeconds(1);

    @Test
    void aCutStreamIsResumedAndWhatChangedMeanwhileArrives(SdkStack stack) {
        recoversFrom(stack, "cut", () -> stack.proxy().cut());
    }

    @Test
    void aBrokerApiRestartIsResumedTheSameWay(SdkStack stack) {
        recoversFrom(stack, "restart", () -> {
            stack.proxy().cut();
            Duration took = stack.restartBrokerApi();
            assertThat(took).isLessThan(Duration.ofSeconds(30));
        });
    }

    private static void recoversFrom(SdkStack stack, String name, Runnable outage) {
        String used = name + "-used";
        String changed = name + "-changed";
        stack.connect(stack.main(), used);
        stack.connect(stack.main(), changed);
        try (Authpipe authpipe = StackClients.connected(stack, stack.main(), MAX_STALENESS)) {
            authpipe.getCredential("mastodon", used);
            authpipe.getCredential("mastodon", changed);

            stack.proxy().blockEventStreams(true);
            outage.run();
            await().until(() -> authpipe.streamState() != StreamState.CONNECTED);
            long revalidationsBefore = authpipe.metrics().revalidations();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                authpipe.getCredential("mastodon", used);
                return authpipe.metrics().revalidations() > revalidationsBefore;
            });
            stack.disconnect(stack.main(), changed);
            long requestsBefore = stack.serverGetCredentialCount();
            CacheMetrics before = authpipe.metrics();
            long downSince = System.currentTimeMillis();

            stack.proxy().blockEventStreams(false);
            await().atMost(Duration.ofSeconds(40)).until(() -> authpipe.streamState() == StreamState.CONNECTED);
            long reconnectedAfter = System.currentTimeMillis() - downSince;
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThatThrownBy(() -> authpipe.getCredential("mastodon", changed))
                            .isInstanceOf(ConnectionNotFoundException.class));

            // every request the server saw meanwhile is one the client accounts for: a background fetch of a pushed
            // refresh, the revalidation of an entry such a fetch failed to renew while broker-api was away, or a
            // read of the deleted connection, whose pushed deletion evicted its entry (answered 404)
            CacheMetrics after = authpipe.metrics();
            assertThat(stack.serverGetCredentialCount() - requestsBefore).isEqualTo(after.refreshes()
                    - before.refreshes() + after.revalidations() - before.revalidations()
                    + after.misses() - before.misses());
            LOG.info("MEASURE {}: reconnected {} ms after the stream was let through; revalidations while down {}",
                    name, reconnectedAfter, authpipe.metrics().revalidations() - revalidationsBefore);
        } finally {
            stack.proxy().blockEventStreams(false);
        }
    }
}
