package io.authpipe.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * {@code PUT} and {@code GET /v1/secrets/{kind}/{name}}: a tenant secret sealed by the vault. {@code secret} is
 * present only in the answer to {@code GET}, which is the one place it is read back.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretBody(String kind, String name, Instant updatedAt, String secret) {
    @Override
    public String toString() {
        return "SecretBody[kind=" + kind + ", name=" + name + ", updatedAt=" + updatedAt + "]";
    }
}
