package io.authpipe.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Known-answer vectors of the request signature (computed independently, with Python's hmac over the netstrings
 * the README describes); the Node SDK's test checks the same vectors, and broker-api's ConnectRequestTopicTest that
 * the broker accepts what this format signs.
 */
class RequestSignerTest {
    static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"; // bytes 0..31
    static final Instant SIGNED_AT = Instant.parse("2026-12-01T00:00:00Z");
    static final RequestSigner SIGNER = new RequestSigner("pk_test", KEY,
            Clock.fixed(SIGNED_AT.plusNanos(999_999), ZoneOffset.UTC));

    @Test
    void aConnectRequestSignatureMatchesTheVector() {
        RequestSigner.Signature signature = SIGNER.connectRequest("req-1", "acme", "mastodon", "user 1/é",
                "https://mastodon.example", List.of("read", "write:statuses"), "https://app.example/done", false,
                "Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5");

        assertThat(signature).isEqualTo(new RequestSigner.Signature("pk_test", SIGNED_AT,
                "YjMXyf_j-yaXOBa4JiHPtkHv_Fm_6c58lPr0-Bb2he0"));
    }

    @Test
    void aCheckRequestSignatureMatchesTheVector() {
        RequestSigner.Signature signature = SIGNER.checkRequest("req-2", "acme", "mastodon", "user-1",
                "TOKEN_REFUSED", 401, SIGNED_AT.minusSeconds(1));

        assertThat(signature.signature()).isEqualTo("6hGGznItm18mOf77Q5TmLQTfk_WFFMmsDURhQ0weyfU");
    }

    @Test
    void anyChangedFieldChangesTheSignatureAndTheKeyIsNeverShown() {
        String original = SIGNER.checkRequest("req-2", "acme", "mastodon", "user-1", "TOKEN_REFUSED", 401,
                SIGNED_AT).signature();

        assertThat(SIGNER.checkRequest("req-2", "acme", "mastodon", "user-2", "TOKEN_REFUSED", 401, SIGNED_AT)
                .signature()).isNotEqualTo(original);
        assertThat(SIGNER.checkRequest("req-2", "acme", "mastodon", "user-1", "TOKEN_REFUSED", null, SIGNED_AT)
                .signature()).isNotEqualTo(original);
        assertThat(SIGNER).hasToString("RequestSigner[pk_test, key [redacted]]");
        assertThatThrownBy(() -> new RequestSigner("pk_test", "too-short", Clock.systemUTC()))
                .hasMessageNotContaining("too-short");
    }
}
