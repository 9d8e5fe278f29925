package io.authpipe.api.model;

/**
 * The first event of {@code GET /v1/events}: the stream is live for {@code tenantId}. {@code resumed} is true when
 * it carries on from the client's {@code Last-Event-ID}; false on a first connection (or a cursor it could not
 * resume), when a client must treat what it cached as unconfirmed.
 */
public record StreamReady(String tenantId, boolean resumed, long heartbeatSeconds) {
}
