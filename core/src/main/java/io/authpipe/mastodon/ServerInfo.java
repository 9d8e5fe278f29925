package io.authpipe.mastodon;

import io.authpipe.core.instance.InstanceAddress;
import java.util.Optional;
import java.util.Set;

/**
 * What Authpipe knows about a server's OAuth support. From {@code /.well-known/oauth-authorization-server} on
 * Mastodon 4.3 and later; older servers answer 404 and get the fixed Mastodon paths, no PKCE and no scope list
 * (MASTODON.md §6).
 */
public record ServerInfo(
        InstanceAddress instance,
        String authorizationEndpoint,
        String tokenEndpoint,
        String revocationEndpoint,
        boolean supportsPkceS256,
        Optional<Set<String>> scopesSupported) {

    /** A pre-4.3 Mastodon server: no metadata document, no PKCE. */
    public static ServerInfo legacy(InstanceAddress instance) {
        return new ServerInfo(instance, instance.url("/oauth/authorize"), instance.url("/oauth/token"),
                instance.url("/oauth/revoke"), false, Optional.empty());
    }

    /** Whether the server is known to refuse {@code scope}; unknown when it publishes no list. */
    public boolean refusesScope(String scope) {
        return scopesSupported.map(s -> !s.contains(scope)).orElse(false);
    }
}
