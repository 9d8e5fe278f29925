package io.authpipe.sandbox.mastodon.internal.oauth;

import io.authpipe.sandbox.mastodon.MastodonVersion;
import io.authpipe.sandbox.mastodon.internal.state.Application;
import io.authpipe.sandbox.mastodon.internal.state.ScopeSet;
import io.authpipe.sandbox.mastodon.internal.state.ServerScopes;
import java.util.List;
import java.util.Optional;

/**
 * Doorkeeper's {@code ScopeChecker} for authorize and client credentials ({@code MASTODON.md} §7 "Scope checks"):
 * requested scopes must literally be server scopes and app scopes (any server scope when the app has none). An
 * absent scope defaults to {@code read} intersected with the app's scopes, which may come out empty →
 * {@code invalid_scope}. Tab, CR or LF in the string is {@code invalid_scope}.
 */
final class ScopeRules {

    private ScopeRules() {
    }

    /** The scopes to grant, or empty for {@code invalid_scope}. */
    static Optional<ScopeSet> requested(String raw, Application app, MastodonVersion version) {
        if (raw != null && raw.matches("(?s).*[\\t\\r\\n].*")) {
            return Optional.empty();
        }
        List<String> allowed = app.scopes().isEmpty() ? ServerScopes.of(version)
                : app.scopes().intersect(ServerScopes.of(version)).values();
        ScopeSet scopes = raw == null || raw.isBlank() ? defaultFor(app) : ScopeSet.parse(raw);
        return scopes.isEmpty() || !scopes.isSubsetOf(allowed) ? Optional.empty() : Optional.of(scopes);
    }

    private static ScopeSet defaultFor(Application app) {
        ScopeSet fallback = ScopeSet.of(ServerScopes.DEFAULT_SCOPE);
        return app.scopes().isEmpty() ? fallback : fallback.intersect(app.scopes().values());
    }
}
