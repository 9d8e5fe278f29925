package io.authpipe.api.model;

/** {@code DELETE /v1/connections/{provider}/{userId}}: revoked here, and what the provider said. */
public record Disconnected(String status, String providerRevocation) {
}
