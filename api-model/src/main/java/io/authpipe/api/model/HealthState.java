package io.authpipe.api.model;

import java.time.Instant;

/** When the last health check answered and what it found ({@code valid}, {@code revoked}, ...). */
public record HealthState(Instant lastCheckAt, String lastOutcome) {
}
