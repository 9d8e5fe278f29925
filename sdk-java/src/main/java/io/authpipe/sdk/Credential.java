package io.authpipe.sdk;

import io.authpipe.api.model.Account;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A usable credential of one connection, as {@code GET /v1/credentials/{provider}/{userId}} served it.
 *
 * @param token     the access token (redacted in {@code toString})
 * @param tokenType {@code Bearer} for every provider so far
 * @param expiresAt when the token expires; {@code null} for a token that does not (see {@link #expiry()})
 * @param scopes    the granted scopes
 * @param status    {@code active}, {@code refreshing}, ... (a usable one)
 * @param version   the connection's version: every change makes it larger
 * @param account   the provider account (public profile data)
 */
public record Credential(AccessToken token, String tokenType, Instant expiresAt, List<String> scopes, String status,
                         long version, Account account) {
    public Credential {
        scopes = List.copyOf(scopes);
    }

    /** {@link #expiresAt()}, empty for a token that does not expire. */
    public Optional<Instant> expiry() {
        return Optional.ofNullable(expiresAt);
    }
}
