package io.authpipe.sandbox.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST}, {@code GET} and {@code DELETE /_sandbox/outage}, and the control plane during an outage. */
class OutageEndpointsTest {

    private final RefreshFixture fixture = RefreshFixture.start(MutableClock.atWindowStart());

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void anOutageStartedAndEndedOverHttpIsServedWithItsCounter() {
        // When
        Reply started = fixture.http().postJson("/_sandbox/outage", "{\"kind\":\"bad_gateway\"}");
        int down = fixture.verify(fixture.accessToken());
        Reply state = fixture.http().get("/_sandbox/outage");
        Reply ended = fixture.http().delete("/_sandbox/outage");
        int up = fixture.verify(fixture.accessToken());

        // Then
        assertThat(started.body()).isEqualTo("{\"outage\":\"bad_gateway\",\"requests_during_outage\":0}");
        assertThat(down).isEqualTo(502);
        assertThat(state.body()).isEqualTo("{\"outage\":\"bad_gateway\",\"requests_during_outage\":1}");
        assertThat(ended.body()).isEqualTo("{\"outage\":null,\"requests_during_outage\":1}");
        assertThat(up).isEqualTo(200);
    }

    @Test
    void theOperatorEndpointsKeepWorkingDuringAnOutage() {
        // Given
        fixture.http().postForm("/_sandbox/outage", Map.of("kind", "proxy_page"));

        // When
        Reply help = fixture.http().get("/_sandbox");
        Reply accounts = fixture.http().get("/_sandbox/accounts");
        Reply revoked = fixture.http().postJson("/_sandbox/tokens/revoke",
                "{\"token\":\"" + fixture.accessToken() + "\"}");
        Reply unknown = fixture.http().get("/_sandbox/no-such-control");

        // Then
        assertThat(help.status()).isEqualTo(200);
        assertThat(accounts.json().get("accounts").get(0).get("active_tokens").asInt()).isEqualTo(1);
        assertThat(revoked.body()).isEqualTo("{\"revoked\":true}");
        assertThat(unknown.body()).isEqualTo("{\"error\":\"Record not found\"}");
        assertThat(fixture.operator().requestsDuringOutage()).isZero();
    }

    @Test
    void aMissingOrUnknownKindIs400AndStartsNothing() {
        // When
        Reply unknown = fixture.http().postJson("/_sandbox/outage", "{\"kind\":\"meteor\"}");
        Reply missing = fixture.http().postJson("/_sandbox/outage", "{}");

        // Then
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text("error")).isEqualTo("unknown outage kind: meteor");
        assertThat(missing.text("error")).isEqualTo("kind is required: proxy_page, server_error or bad_gateway");
        assertThat(fixture.verify(fixture.accessToken())).isEqualTo(200);
    }

    @Test
    void theHelpPageDocumentsTheOutageEndpoints() {
        // When
        Reply help = fixture.http().get("/_sandbox");

        // Then
        assertThat(help.body()).contains("POST /_sandbox/outage").contains("DELETE /_sandbox/outage")
                .contains("GET /_sandbox/outage").contains("bad_gateway").contains("requests_during_outage");
    }
}
