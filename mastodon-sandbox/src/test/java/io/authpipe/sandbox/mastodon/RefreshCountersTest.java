package io.authpipe.sandbox.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SandboxOperator#refreshGrantsReceived()}, {@link SandboxOperator#refreshesIssued()},
 * {@link SandboxOperator#refreshReplaysDetected()} and {@link SandboxOperator#tokensRevoked()}.
 */
class RefreshCountersTest {

    private final RefreshFixture fixture = RefreshFixture.start(MutableClock.atWindowStart());

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void everyRefreshRequestIsReceivedButOnlySuccessfulOnesAreIssued() {
        // Given
        fixture.operator().failRefreshes(RefreshFault.throttled(Duration.ofMinutes(1)), 1);

        // When
        int throttled = fixture.refresh().status();
        int unknown = fixture.refresh("no-such-refresh-token").status();
        Reply refreshed = fixture.refresh();
        int rotatedAway = fixture.refresh().status();
        int codeExchange = fixture.http().postForm("/oauth/token", Map.of("grant_type", "authorization_code",
                "code", "no-such-code", "redirect_uri", OAuthFixture.CALLBACK,
                "client_id", fixture.app().clientId(), "client_secret", fixture.app().clientSecret())).status();

        // Then
        assertThat(List.of(throttled, unknown, refreshed.status(), rotatedAway, codeExchange))
                .containsExactly(429, 400, 200, 400, 400);
        assertThat(fixture.operator().refreshGrantsReceived()).isEqualTo(4);
        assertThat(fixture.operator().refreshesIssued()).isEqualTo(1);
        assertThat(fixture.operator().refreshReplaysDetected()).isEqualTo(1);
        assertThat(fixture.http().get("/_sandbox/refreshes").json().path("replays_detected").asInt()).isEqualTo(1);
    }

    @Test
    void aRefreshRevokesNothingButAReplayRevokesTheFamilyAndIsCounted() {
        // Given
        String firstRefreshToken = fixture.refreshToken();

        // When
        Reply refreshed = fixture.refresh();
        int revokedAfterRefresh = fixture.operator().tokensRevoked();
        int replayed = fixture.refresh(firstRefreshToken).status();

        // Then
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(revokedAfterRefresh).isZero();
        assertThat(replayed).isEqualTo(400);
        assertThat(fixture.operator().refreshReplaysDetected()).isEqualTo(1);
        assertThat(fixture.operator().tokensRevoked()).isEqualTo(1);
    }

    @Test
    void concurrentRefreshesUseUpTheArmedFaultExactlyTimesTimes() throws Exception {
        // Given: 24 refreshes with unknown tokens race for 5 armed server errors
        fixture.operator().failRefreshes(RefreshFault.serverError(), 5);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Integer>> refreshes = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String token = "unknown-" + i;
            refreshes.add(() -> fixture.refresh(token).status());
        }

        // When
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> status : pool.invokeAll(refreshes)) {
                statuses.add(status.get());
            }
        } finally {
            pool.shutdownNow();
        }

        // Then
        assertThat(statuses).filteredOn(status -> status == 500).hasSize(5);
        assertThat(statuses).filteredOn(status -> status == 400).hasSize(19);
        assertThat(fixture.operator().refreshGrantsReceived()).isEqualTo(24);
        assertThat(fixture.operator().refreshesIssued()).isZero();
    }
}
