package io.authpipe.api.model;

/** {@code POST /v1/connect-sessions/{id}/start}: the provider's authorize link, for the connect page to open. */
public record FlowStarted(String authorizeUrl) {
    @Override
    public String toString() {
        return "FlowStarted[[redacted]]";
    }
}
