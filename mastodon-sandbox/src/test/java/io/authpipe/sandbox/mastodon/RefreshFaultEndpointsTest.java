package io.authpipe.sandbox.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /_sandbox/refreshes/fail} and {@code GET /_sandbox/refreshes}. */
class RefreshFaultEndpointsTest {

    private static final String UNKNOWN_REFRESH_TOKEN = "no-such-refresh-token";

    private final RefreshFixture fixture = RefreshFixture.start(MutableClock.atWindowStart());

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aFaultArmedByJsonIsPlayedAndTheCountersAreServed() {
        // Given
        Reply armed = fixture.http().postJson("/_sandbox/refreshes/fail",
                "{\"fault\":\"throttled_with_retry_after\",\"times\":2,\"seconds\":30}");

        // When
        Reply faulted = fixture.refresh();
        Reply counters = fixture.http().get("/_sandbox/refreshes");

        // Then
        assertThat(armed.body()).isEqualTo("{\"fault\":\"throttled_with_retry_after\",\"times\":2}");
        assertThat(faulted.status()).isEqualTo(429);
        assertThat(faulted.header("Retry-After")).isEqualTo("30");
        assertThat(faulted.header("X-RateLimit-Reset")).isEqualTo("2026-08-21T14:00:30.000000Z");
        assertThat(counters.body()).isEqualTo(
                "{\"grants_received\":1,\"issued\":0,\"replays_detected\":0,\"tokens_revoked\":0,\"faults_remaining\":1}");
    }

    @ParameterizedTest
    @CsvSource({"server_error, 500", "proxy_page, 503", "throttled, 429", "throttled_with_retry_after, 429"})
    void aFormArmsEachFaultByNameAndTimesDefaultsToOne(String fault, int status) {
        // Given
        Reply armed = fixture.http().postForm("/_sandbox/refreshes/fail", Map.of("fault", fault, "seconds", "60"));

        // When
        int first = fixture.refresh(UNKNOWN_REFRESH_TOKEN).status();
        int second = fixture.refresh(UNKNOWN_REFRESH_TOKEN).status();

        // Then: 400 is the grant's own invalid_grant
        assertThat(armed.body()).isEqualTo("{\"fault\":\"" + fault + "\",\"times\":1}");
        assertThat(first).isEqualTo(status);
        assertThat(second).isEqualTo(400);
    }

    @Test
    void aSlowAnswerArmedOverHttpTakesFractionalSecondsAndStillRefreshes() {
        // Given
        fixture.http().postForm("/_sandbox/refreshes/fail", Map.of("fault", "slow_answer", "seconds", "0.25"));
        long start = System.nanoTime();

        // When
        Reply refreshed = fixture.refresh();

        // Then
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(250);
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(fixture.http().get("/_sandbox/refreshes").json().get("issued").asInt()).isEqualTo(1);
    }

    @Test
    void badParametersAre400AndArmNothing() {
        // When
        Reply unknown = fixture.http().postJson("/_sandbox/refreshes/fail", "{\"fault\":\"meteor\"}");
        Reply noSeconds = fixture.http().postJson("/_sandbox/refreshes/fail", "{\"fault\":\"throttled\"}");
        Reply negative = fixture.http().postJson("/_sandbox/refreshes/fail",
                "{\"fault\":\"server_error\",\"times\":-1}");
        Reply noFault = fixture.http().postJson("/_sandbox/refreshes/fail", "{}");

        // Then
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text("error")).isEqualTo("unknown fault: meteor");
        assertThat(noSeconds.text("error")).isEqualTo("seconds is required for this fault");
        assertThat(negative.text("error")).isEqualTo("times must not be negative, was -1");
        assertThat(noFault.status()).isEqualTo(400);
        assertThat(fixture.refresh().status()).isEqualTo(200);
    }

    @Test
    void theHelpPageDocumentsTheRefreshEndpoints() {
        // When
        Reply help = fixture.http().get("/_sandbox");

        // Then
        assertThat(help.body()).contains("/_sandbox/refreshes/fail").contains("throttled_with_retry_after")
                .contains("slow_answer").contains("GET /_sandbox/refreshes");
    }
}
