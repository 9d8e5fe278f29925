package io.authpipe.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.authpipe.sdk.FakeBroker.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules of docs/sdk-cache.md against a real loopback server, time moved by hand. */
class CacheRulesTest {
    static final String KEY = "ap_acme_" + "A".repeat(43);
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    FakeBroker broker;
    MutableClock clock;
    Authpipe client;

    @BeforeEach
    void start() throws Exception {
        broker = new FakeBroker();
        clock = new MutableClock(T0);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        broker.close();
    }

    Authpipe client() {
        return client(10_000);
    }

    Authpipe client(int maxEntries) {
        client = Authpipe.builder().apiKey(KEY).baseUrl(broker.url()).clock(clock).maxEntries(maxEntries)
                .expiryMargin(Duration.ofSeconds(60)).maxStaleness(Duration.ofSeconds(30))
                .timeout(Duration.ofSeconds(5)).build();
        return client;
    }

    Authpipe connectedClient() {
        Authpipe c = client();
        await().until(() -> broker.openStreams() == 1);
        broker.ready("c1", false);
        await().until(() -> c.streamState() == StreamState.CONNECTED);
        return c;
    }

    static Answer credential(String token, long version, Instant expiresAt) {
        return Answer.json(200, "{\"credential\":\"" + token + "\",\"tokenType\":\"Bearer\",\"scopes\":[\"read\"],"
                + "\"expiresAt\":" + (expiresAt == null ? "null" : "\"" + expiresAt + "\"") + ",\"status\":\"active\","
                + "\"version\":" + version + ",\"account\":{\"id\":\"1\",\"username\":\"alice\"}}");
    }

    static Answer revoked(long version) {
        return Answer.json(410, "{\"error\":\"connection_revoked\",\"message\":\"the connection is revoked\","
                + "\"status\":\"revoked\",\"version\":" + version + ",\"reason\":\"token_revoked\"}");
    }

    @Test
    void aHitReturnsTheStoredCredentialWithoutARequest() {
        broker.answer("mastodon", "u1", credential("tok-1", 1, T0.plusSeconds(3600)));
        Authpipe c = connectedClient();

        Credential first = c.getCredential("mastodon", "acme", "u1");
        for (int i = 0; i < 1000; i++) {
            assertThat(c.getCredential("mastodon", "acme", "u1")).isSameAs(first);
        }

        assertThat(first.token().reveal()).isEqualTo("tok-1");
        assertThat(broker.requests("mastodon", "u1")).isEqualTo(1);
        assertThat(c.metrics().hits()).isEqualTo(1000);
        assertThat(c.metrics().misses()).isEqualTo(1);
    }

    @Test
    void aHitAllocatesNothing() {
        broker.answer("mastodon", "u1", credential("tok-1", 1, T0.plusSeconds(3600)));
        Authpipe c = connectedClient();
        c.getCredential("mastodon", "acme", "u1");
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();

        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100_000; i++) {
            c.getCredential("mastodon", "acme", "u1");
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(allocated).as("bytes allocated by 100,000 hits").isLessThan(1_000);
    }

    @Test
    void aTokenWithinTheExpiryMarginIsFetchedAgain() {
        broker.answer("mastodon", "u1", credential("tok-1", 1, T0.plusSeconds(120)),
                credential("tok-2", 2, T0.plusSeconds(3600)));
        Authpipe c = connectedClient();
        c.getCredential("mastodon", "u1");

        clock.advance(Duration.ofSeconds(59));
        assertThat(c.getCredential("mastodon", "u1").token().reveal()).isEqualTo("tok-1");
        clock.advance(Duration.ofSeconds(2));

        assertThat(c.getCredential("mastodon", "u1").token().reveal()).isEqualTo("tok-2");
        assertThat(broker.requests("mastodon", "u1")).isEqualTo(2);
    }

    @Test
    void aTokenWithoutExpiryStaysCached() {
        broker.answer("mastodon", "u1", credential("tok-1", 1, null));
        Authpipe c = connectedClient();
        c.getCredential("mastodon", "u1");
        clock.advance(Duration.ofDays(365));

        assertThat(c.getCredential("mastodon", "u1").expiry()).isEmpty();
        assertThat(broker.requests("mastodon", "u1")).isEqualTo(1);
    }

    @Test
    void aRevokedConnectionIsCachedAndThrownAgainWithoutIo() {
        broker.answer("mastodon", "u1", revoked(7));
        Authpipe c = connectedClient();

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> c.getCredential("mastodon", "u1"))
                    .isInstanceOfSatisfying(ConnectionRevokedException.class, e -> {
                        assertThat(e.version()).isEqualTo(7);
                        assertThat(e.status()).isEqualTo("revoked");
                        assertThat(e.reason()).isEqualTo("token_revoked");
                        assertThat(e.code()).isEqualTo("connection_revoked");
                    });
        }
        assertThat(broker.requests("mastodon", "u1")).isEqualTo(1);
    }

    @Test
    void aMissingConnectionIsNotCached() {
        Authpipe c = connectedClient();

        assertThatThrownBy(() -> c.getCredential("mastodon", "nobody")).isInstanceOf(ConnectionNotFoundException.class);
        assertThatThrownBy(() -> c.getCredential("mastodon", "nobody")).isInstanceOf(ConnectionNotFoundException.class);

        assertThat(broker.requests("mastodon", "nobody")).isEqualTo(2);
    }

    @Test
    void concurrentMissesShareOneRequest() throws Exception {
        broker.answer("mastodon", "u1", credential("tok-1", 1, T0.plusSeconds(3600)));
        Authpipe c = connectedClient();
        broker.hold();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Credential>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> c.getCredential("mastodon", "u1"), callers));
            }
            await().until(() -> c.metrics().misses() == 8);
            broker.open();

            assertThat(calls).allSatisfy(call -> assertThat(call.get().version()).isEqualTo(1));
            assertThat(broker.requests("mastodon", "u1")).isEqualTo(1);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void anExpiredCredentialIsReportedWithItsRetryAfterAndNotRetried() {
        broker.answer("mastodon", "u1", new Answer(503, "{\"error\":\"credential_expired\",\"message\":\"expired\","
                + "\"status\":\"expired\",\"version\":3}", Map.of("Retry-After", "2")));
        Authpipe c = connectedClient();

        assertThatThrownBy(() -> c.getCredential("mastodon", "u1"))
                .isInstanceOfSatisfying(CredentialExpiredException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2)));
        assertThat(broker.requests("mastodon", "u1")).isEqualTo(1);
    }

    @Test
    void rateLimitsAndRefusedKeysAreTypedAndNotRetried() {
        broker.answer("mastodon", "u1", new Answer(429, "{\"error\":\"rate_limited\",\"message\":\"slow down\"}",
                Map.of("Retry-After", "5")));
        broker.answer("mastodon", "u2", Answer.json(401, "{\"error\":\"unauthorized\",\"message\":\"bad key\"}"));
        Authpipe c = connectedClient();

        assertThatThrownBy(() -> c.getCredential("mastodon", "u1")).isInstanceOfSatisfying(RateLimitedException.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(5)));
        assertThatThrownBy(() -> c.getCredential("mastodon", "u2")).isInstanceOf(UnauthorizedException.class);
        assertThat(broker.requests("mastodon", "u1") + broker.requests("mastodon", "u2")).isEqualTo(2);
    }

    @Test
    void serverErrorsAreRetriedTwiceThenReported() {
        Answer bad = Answer.json(502, "{\"error\":\"peer_unreachable\",\"message\":\"no owner\"}");
        broker.answer("mastodon", "u1", bad, bad, credential("tok-1", 1, T0.plusSeconds(3600)));
        broker.answer("mastodon", "u2", bad);
        Authpipe c = connectedClient();

        assertThat(c.getCredential("mastodon", "u1").version()).isEqualTo(1);
        assertThatThrownBy(() -> c.getCredential("mastodon", "u2")).isInstanceOf(AuthpipeUnavailableException.class);

        assertThat(broker.requests("mastodon", "u1")).isEqualTo(3);
        assertThat(broker.requests("mastodon", "u2")).isEqualTo(3);
    }

    @Test
    void whileTheStreamIsDownAnEntryOlderThanMaxStalenessIsRevalidated() {
        broker.refuseEvents(Answer.json(503, "{\"error\":\"unavailable\",\"message\":\"down\"}"));
        broker.answer("mastodon", "u1", credential("tok-1", 1, T0.plusSeconds(3600)));
        Authpipe c = client();
        c.getCredential("mastodon", "u1");

        clock.advance(Duration.ofSeconds(30));
        c.getCredential("mastodon", "u1");
        assertThat(broker.requests("mastodon", "u1")).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        c.getCredential("mastodon", "u1");

        assertThat(broker.requests("mastodon", "u1")).isEqualTo(2);
        assertThat(c.metrics().revalidations()).isEqualTo(1);
        assertThat(c.streamState()).isNotEqualTo(StreamState.CONNECTED);
    }

    @Test
    void whileTheStreamIsConnectedAnOldEntryIsStillAHit() {
        broker.answer("mastodon", "u1", credential("tok-1", 1, T0.plusSeconds(3600)));
        Authpipe c = connectedClient();
        c.getCredential("mastodon", "u1");
        clock.advance(Duration.ofMinutes(10));

        c.getCredential("mastodon", "u1");

        assertThat(broker.requests("mastodon", "u1")).isEqualTo(1);
    }

    @Test
    void aPushedRevocationIsThrownWithoutIoAndAnOlderOneIsIgnored() {
        broker.answer("mastodon", "u1", credential("tok-1", 5, T0.plusSeconds(3600)));
        Authpipe c = connectedClient();
        c.getCredential("mastodon", "u1");

        broker.change("connection.revoked", "c2", "mastodon", "u1", 5, T0.toString());
        broker.change("connection.revoked", "c3", "mastodon", "u1", 6, T0.toString());

        await().untilAsserted(() -> assertThatThrownBy(() -> c.getCredential("mastodon", "u1"))
                .isInstanceOf(ConnectionRevokedException.class));
        assertThat(broker.requests("mastodon", "u1")).isEqualTo(1);
        assertThat(c.metrics().lastPushLag()).isNotNull();
    }

    @Test
    void aPushedUpdateIsFetchedInTheBackgroundWhileTheOldEntryAnswers() {
        broker.answer("mastodon", "u1", credential("tok-1", 1, T0.plusSeconds(3600)),
                credential("tok-2", 2, T0.plusSeconds(7200)));
        Authpipe c = connectedClient();
        c.getCredential("mastodon", "u1");
        broker.hold();

        broker.change("credential.updated", "c2", "mastodon", "u1", 2, T0.toString());
        await().until(() -> broker.requests("mastodon", "u1") == 2);
        assertThat(c.getCredential("mastodon", "u1").token().reveal()).isEqualTo("tok-1");
        broker.open();

        await().until(() -> c.getCredential("mastodon", "u1").version() == 2);
        assertThat(c.metrics().misses()).isEqualTo(1);
        assertThat(c.metrics().refreshes()).isEqualTo(1);
    }

    @Test
    void updatesOfUncachedConnectionsAreIgnored() {
        Authpipe c = connectedClient();

        broker.change("credential.updated", "c2", "mastodon", "elsewhere", 2, T0.toString());
        broker.change("connection.revoked", "c3", "mastodon", "elsewhere", 3, T0.toString());
        broker.ready("c4", true);

        await().until(() -> broker.lastEventIds().size() == 1 && c.metrics().streamState() == StreamState.CONNECTED);
        assertThat(broker.requests("mastodon", "elsewhere")).isZero();
        assertThat(c.metrics().entries()).isZero();
    }

    @Test
    void aDeletedConnectionIsEvicted() {
        broker.answer("mastodon", "u1", credential("tok-1", 1, T0.plusSeconds(3600)));
        Authpipe c = connectedClient();
        c.getCredential("mastodon", "u1");

        broker.change("connection.deleted", "c2", "mastodon", "u1", 2, T0.toString());

        await().until(() -> c.metrics().entries() == 0);
        c.getCredential("mastodon", "u1");
        assertThat(broker.requests("mastodon", "u1")).isEqualTo(2);
    }

    @Test
    void aReconnectSendsTheLastEventIdAndAnUnresumedStreamMakesEntriesStale() {
        broker.answer("mastodon", "u1", credential("tok-1", 1, T0.plusSeconds(3600)));
        Authpipe c = connectedClient();
        c.getCredential("mastodon", "u1");
        broker.change("credential.updated", "c9", "mastodon", "other", 1, T0.toString());

        broker.dropStreams();
        await().until(() -> broker.openStreams() == 1);
        broker.ready("c10", false);
        await().until(() -> c.streamState() == StreamState.CONNECTED);

        assertThat(broker.lastEventIds()).containsExactly("", "c9");
        c.getCredential("mastodon", "u1");
        assertThat(broker.requests("mastodon", "u1")).isEqualTo(2);
        assertThat(c.metrics().revalidations()).isEqualTo(1);
    }

    @Test
    void anInvalidLastEventIdIsDroppedOnTheNextConnect() {
        Authpipe c = connectedClient();
        broker.change("credential.updated", "c9", "mastodon", "other", 1, T0.toString());
        broker.refuseEvents(Answer.json(400, "{\"error\":\"invalid_last_event_id\",\"message\":\"too old\"}"));

        broker.dropStreams();
        await().until(() -> broker.streamsOpened() == 2);
        broker.refuseEvents(null);

        await().until(() -> broker.streamsOpened() == 3);
        assertThat(broker.lastEventIds()).containsExactly("", "c9", "");
        assertThat(c.streamState()).isNotEqualTo(StreamState.CLOSED);
    }

    @Test
    void theLeastRecentlyUsedEntryIsEvictedAboveTheBound() {
        for (String user : List.of("u1", "u2", "u3", "u4")) {
            broker.answer("mastodon", user, credential("tok-" + user, 1, T0.plusSeconds(3600)));
        }
        client(3);
        await().until(() -> broker.openStreams() == 1);
        broker.ready("c1", false);
        await().until(() -> client.streamState() == StreamState.CONNECTED);
        for (String user : List.of("u1", "u2", "u3")) {
            client.getCredential("mastodon", user);
            clock.advance(Duration.ofMillis(10));
        }
        client.getCredential("mastodon", "u1");
        clock.advance(Duration.ofMillis(10));

        client.getCredential("mastodon", "u4");

        assertThat(client.metrics().evictions()).isEqualTo(1);
        assertThat(client.metrics().entries()).isEqualTo(3);
        client.getCredential("mastodon", "u1");
        client.getCredential("mastodon", "u3");
        assertThat(broker.requests("mastodon", "u1") + broker.requests("mastodon", "u3")).isEqualTo(2);
        client.getCredential("mastodon", "u2");
        assertThat(broker.requests("mastodon", "u2")).isEqualTo(2);
    }

    @Test
    void anotherTenantIsRefusedBeforeAnyIo() {
        Authpipe c = connectedClient();

        assertThatThrownBy(() -> c.getCredential("mastodon", "other-tenant", "u1"))
                .isInstanceOf(TenantMismatchException.class).hasMessageNotContaining(KEY);
        assertThat(broker.requests("mastodon", "u1")).isZero();
    }

    @Test
    void closingEndsTheStream() {
        Authpipe c = connectedClient();

        c.close();

        assertThat(c.streamState()).isEqualTo(StreamState.CLOSED);
    }
}
