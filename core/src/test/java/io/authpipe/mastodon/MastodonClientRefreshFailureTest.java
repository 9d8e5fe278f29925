package io.authpipe.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.core.secret.Secret;
import io.authpipe.mastodon.SandboxFixture.Connected;
import io.authpipe.sandbox.mastodon.RefreshFault;
import io.authpipe.sandbox.mastodon.SandboxOperator;
import io.authpipe.sandbox.mastodon.SandboxUser;
import io.authpipe.sandbox.mastodon.TokenPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a refresh-worker sees when the refresh grant of a Pleroma-like server (rotating refresh tokens) fails: the
 * sandbox's {@link RefreshFault}s against {@link MastodonClient#refresh} over real HTTP.
 */
class MastodonClientRefreshFailureTest {

    /** The sandbox's clock: 18:03:30.123456, so a 90-second window resets at Mastodon's example instant. */
    private static final Instant SANDBOX_NOW = Instant.parse("2026-11-26T18:03:30.123456Z");
    /** The client's clock, far from the sandbox's, so each instant in an outcome shows which clock it came from. */
    private static final Instant CLIENT_NOW = Instant.parse("2030-01-01T00:00:00Z");

    private final SandboxFixture mastodon = SandboxFixture.start(SandboxFixture.relaxed()
            .withTokenPolicy(TokenPolicy.expiring(Duration.ofMinutes(10), true))
            .withClock(Clock.fixed(SANDBOX_NOW, ZoneOffset.UTC)));
    private final Connected alice = mastodon.connect(SandboxUser.ALICE);
    private final MastodonClient client = SandboxFixture.clientAllowing(mastodon.instance().authority(),
            Clock.fixed(CLIENT_NOW, ZoneOffset.UTC), Duration.ofSeconds(5));

    @AfterEach
    void stopSandbox() {
        mastodon.close();
    }

    private SandboxOperator operator() {
        return mastodon.sandbox().operator();
    }

    private TokenOutcome refresh(MastodonClient with) {
        return with.refresh(alice.server(), alice.app(), alice.grant().refreshToken().orElseThrow());
    }

    private static InstanceUnavailableException failure(Runnable call) {
        return catchThrowableOfType(InstanceUnavailableException.class, call::run);
    }

    @Test
    void aRackAttackThrottleIsThrottledUntilTheRateLimitReset() {
        // Given
        operator().failRefreshes(RefreshFault.throttled(Duration.ofSeconds(90)), 1);

        // When
        TokenOutcome outcome = refresh(client);

        // Then
        assertThat(outcome).isEqualTo(new TokenOutcome.Throttled(Instant.parse("2026-11-26T18:05:00.123456Z")));
        assertThat(refresh(client)).as("the throttled request spent nothing").isInstanceOf(TokenOutcome.Issued.class);
    }

    @Test
    void retryAfterInSecondsWinsOverTheRateLimitResetAndCountsFromTheClientsNow() {
        // Given
        operator().failRefreshes(RefreshFault.throttledWithRetryAfter(Duration.ofSeconds(120)), 1);

        // When
        TokenOutcome outcome = refresh(client);

        // Then
        assertThat(outcome).isEqualTo(new TokenOutcome.Throttled(CLIENT_NOW.plusSeconds(120)));
    }

    @Test
    void aServerErrorIsUnavailableAndNotProcessed() {
        // Given
        operator().failRefreshes(RefreshFault.serverError(), 1);

        // When
        InstanceUnavailableException failure = failure(() -> refresh(client));

        // Then
        assertThat(failure).isNotNull().hasMessageEndingWith("answered HTTP 500");
        assertThat(failure.maybeProcessed()).isFalse();
        assertThat(operator().refreshGrantsReceived()).isEqualTo(1);
        assertThat(operator().refreshesIssued()).isZero();
        assertThat(refresh(client)).isInstanceOf(TokenOutcome.Issued.class);
    }

    @Test
    void aProxysHtmlPageIsUnavailableAndNotProcessed() {
        // Given
        operator().failRefreshes(RefreshFault.proxyPage(), 1);

        // When
        InstanceUnavailableException failure = failure(() -> refresh(client));

        // Then
        assertThat(failure).isNotNull().hasMessageContaining("503").hasMessageContaining("not JSON");
        assertThat(failure.maybeProcessed()).isFalse();
        assertThat(refresh(client)).isInstanceOf(TokenOutcome.Issued.class);
    }

    @Test
    void anAnswerLostToTheReadTimeoutMayHaveBeenProcessed() {
        // Given: the client waits 300 ms, the sandbox refreshes and answers after 3 s
        MastodonClient impatient = SandboxFixture.clientAllowing(mastodon.instance().authority(),
                Clock.fixed(CLIENT_NOW, ZoneOffset.UTC), Duration.ofMillis(300));
        operator().failRefreshes(RefreshFault.slowAnswer(Duration.ofSeconds(3)), 1);
        Secret refreshToken = alice.grant().refreshToken().orElseThrow();

        // When
        InstanceUnavailableException failure = failure(() -> refresh(impatient));

        // Then
        assertThat(failure).isNotNull().hasMessageContaining("unreachable");
        assertThat(failure.maybeProcessed()).isTrue();
        assertThat(failure.getMessage()).doesNotContain(refreshToken.reveal(), alice.app().clientSecret().reveal());
        await().atMost(Duration.ofSeconds(5)).until(() -> operator().refreshesIssued() == 1);
        assertThat(refresh(client)).as("the sent refresh token was rotated away; replaying it is refused")
                .isInstanceOfSatisfying(TokenOutcome.Refused.class,
                        refused -> assertThat(refused.error().is("invalid_grant")).isTrue());
    }

    @Test
    void aRefusedConnectionWasNotProcessed() {
        // Given
        int port = StubServer.closedPort();
        MastodonClient nowhere = SandboxFixture.clientAllowing("127.0.0.1:" + port);
        ServerInfo server = ServerInfo.legacy(InstanceAddress.parse("http://127.0.0.1:" + port));

        // When
        InstanceUnavailableException failure = failure(() -> nowhere.refresh(server, alice.app(),
                alice.grant().refreshToken().orElseThrow()));

        // Then
        assertThat(failure).isNotNull().hasMessageContaining("ConnectException");
        assertThat(failure.maybeProcessed()).isFalse();
    }
}
