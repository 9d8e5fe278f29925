package io.authpipe.api.model;

import java.time.Instant;

/** {@code POST /v1/connections/{provider}/{userId}/check}: 202, the check is on its way. */
public record CheckRequested(String status, long version, Instant requestedAt) {
}
