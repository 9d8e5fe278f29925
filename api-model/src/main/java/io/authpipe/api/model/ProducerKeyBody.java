package io.authpipe.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * {@code POST} and {@code GET /v1/producer-keys}: a producer signing key. {@code key} (32 bytes, base64url) is present
 * only in the answer to {@code POST}, the one time it leaves the vault.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProducerKeyBody(String keyId, Instant createdAt, String key) {
    @Override
    public String toString() {
        return "ProducerKeyBody[keyId=" + keyId + ", createdAt=" + createdAt + "]";
    }
}
