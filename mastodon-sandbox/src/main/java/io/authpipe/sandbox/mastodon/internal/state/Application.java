package io.authpipe.sandbox.mastodon.internal.state;

import java.time.Instant;
import java.util.List;

/**
 * A registered OAuth application (Doorkeeper {@code oauth_applications} row). Apps never expire and cannot be
 * deleted through the API ({@code MASTODON.md} §1 "Lifecycle").
 *
 * @param id           numeric id, rendered as a string
 * @param name         {@code client_name}
 * @param website      website or {@code null} when blank
 * @param redirectUris registered redirect URIs, one per stored line
 * @param scopes       registered scopes (may be empty: such an app may request any server scope)
 * @param clientId     {@code client_id}
 * @param clientSecret {@code client_secret}
 * @param createdAt    registration time
 */
public record Application(long id, String name, String website, List<String> redirectUris, ScopeSet scopes,
                          String clientId, String clientSecret, Instant createdAt) {

    /** Copies the redirect URIs. */
    public Application {
        redirectUris = List.copyOf(redirectUris);
    }

    /** The raw stored {@code redirect_uri} string: the URIs joined with newlines. */
    public String rawRedirectUri() {
        return String.join("\n", redirectUris);
    }

    /** Never prints the client credentials. */
    @Override
    public String toString() {
        return "Application[id=" + id + ", name=" + name + ", client_id=[redacted]]";
    }
}
