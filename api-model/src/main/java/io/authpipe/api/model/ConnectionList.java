package io.authpipe.api.model;

import java.util.List;

/** {@code GET /v1/connections}. */
public record ConnectionList(List<ConnectionBody> connections) {
    public ConnectionList {
        connections = List.copyOf(connections);
    }
}
