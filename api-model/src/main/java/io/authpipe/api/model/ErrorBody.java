package io.authpipe.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * Every error answer: {@code error} (a stable code) and {@code message} (for people). Some codes add facts:
 * {@code retryAt} (429, 503), {@code status}, {@code version} and {@code reason} ({@code 410 connection_revoked}),
 * {@code status}, {@code version} and {@code expiresAt} ({@code 503 credential_expired}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String message, Instant retryAt, String status, Long version, String reason,
                        Instant expiresAt) {
    public static ErrorBody of(String error, String message) {
        return new ErrorBody(error, message, null, null, null, null, null);
    }
}
