package io.authpipe.api.model;

import java.time.Instant;

/** When the token was last refreshed, when it will be next, and the failures in a row since the last success. */
public record RefreshState(Instant lastRefreshAt, Instant nextRefreshAt, int failures, String lastError) {
}
