package io.authpipe.api.model;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/credentials/{provider}/{userId}}: a usable credential. {@code credential} is the access token, the
 * only secret any {@code /v1} answer carries; {@code expiresAt} is null for a token that does not expire.
 */
public record CredentialBody(String credential, String tokenType, List<String> scopes, Instant expiresAt,
                             String status, long version, String instance, Account account, RefreshState refresh,
                             HealthState health) {
    public CredentialBody {
        scopes = List.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "CredentialBody[credential=<redacted>, status=" + status + ", version=" + version + ", expiresAt="
                + expiresAt + "]";
    }
}
