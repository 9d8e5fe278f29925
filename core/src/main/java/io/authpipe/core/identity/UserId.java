package io.authpipe.core.identity;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The tenant's own identifier of its end user: opaque to Authpipe, 1 to 256 characters without control
 * characters or unpaired surrogates.
 */
public record UserId(String value) {
    public static final int MAX_LENGTH = 256;

    public UserId {
        Objects.requireNonNull(value, "user id");
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("user id must be 1 to " + MAX_LENGTH + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("user id must not contain control characters");
        }
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(value)) {
            // an unpaired surrogate encodes as '?', so two ids would share one Kafka key
            throw new IllegalArgumentException("user id must be valid Unicode (no unpaired surrogates)");
        }
    }

    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
