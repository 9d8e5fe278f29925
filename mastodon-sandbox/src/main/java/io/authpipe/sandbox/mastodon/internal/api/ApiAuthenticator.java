package io.authpipe.sandbox.mastodon.internal.api;

import io.authpipe.sandbox.mastodon.MastodonVersion;
import io.authpipe.sandbox.mastodon.internal.state.AccessToken;
import io.authpipe.sandbox.mastodon.internal.state.Account;
import io.authpipe.sandbox.mastodon.internal.state.SandboxState;
import io.authpipe.sandbox.mastodon.internal.web.BearerTokens;
import io.authpipe.sandbox.mastodon.internal.web.Locales;
import io.authpipe.sandbox.mastodon.internal.web.WwwAuthenticate;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * The checks on every API request, in Mastodon's order ({@code MASTODON.md} §4 "Checks on every API request"):
 * <ol>
 *   <li>{@code require_not_suspended!}: the token's owner is suspended/deleted → 403, even for a revoked token;</li>
 *   <li>{@code doorkeeper_authorize!}: unknown/revoked/expired → 401 with a localized description; none of the
 *       acceptable scopes → 403;</li>
 *   <li>{@code require_user!}: app token on a user endpoint → 422.</li>
 * </ol>
 */
public final class ApiAuthenticator {

    static final String LOGIN_DISABLED = "Your login is currently disabled";
    static final String OUTSIDE_SCOPES = "This action is outside the authorized scopes";
    static final String USER_REQUIRED = "This method requires an authenticated user";
    private static final String MISSING_SCOPE = "Access to this resource requires scope \"%s\".";

    private final SandboxState state;

    /** Checks against {@code state}'s tokens and accounts. */
    public ApiAuthenticator(SandboxState state) {
        this.state = state;
    }

    /**
     * Runs the checks.
     *
     * @param acceptableScopes the token needs any one of these; empty means no scope requirement
     * @param requireUser      whether app (client-credentials) tokens are refused with 422
     */
    public ApiAccess authorize(Context ctx, Collection<String> acceptableScopes, boolean requireUser) {
        Optional<AccessToken> token = BearerTokens.from(ctx).flatMap(state.tokens()::findByToken);
        Optional<Account> owner = token.filter(AccessToken::hasOwner)
                .flatMap(row -> state.accounts().byId(row.accountId()));
        if (owner.isPresent() && owner.get().unavailable()) {
            return new ApiAccess.Denied(403, LOGIN_DISABLED, null);
        }
        Optional<InvalidTokenMessages> invalid = invalidity(token, state.now());
        if (invalid.isPresent()) {
            return unauthorized(ctx, invalid.get(), owner.map(account -> account.user().locale()).orElse(null));
        }
        if (!acceptableScopes.isEmpty() && !token.get().scopes().containsAny(acceptableScopes)) {
            return forbiddenScope(acceptableScopes);
        }
        if (requireUser && owner.isEmpty()) {
            return new ApiAccess.Denied(422, USER_REQUIRED, null);
        }
        return new ApiAccess.Granted(token.get(), owner);
    }

    private static Optional<InvalidTokenMessages> invalidity(Optional<AccessToken> token, Instant now) {
        if (token.isEmpty()) {
            return Optional.of(InvalidTokenMessages.UNKNOWN);
        }
        if (token.get().isRevoked()) {
            return Optional.of(InvalidTokenMessages.REVOKED);
        }
        return token.get().isExpired(now) ? Optional.of(InvalidTokenMessages.EXPIRED) : Optional.empty();
    }

    private ApiAccess unauthorized(Context ctx, InvalidTokenMessages reason, String ownerLocale) {
        String description = reason.in(Locales.resolve(ctx, ownerLocale));
        return new ApiAccess.Denied(401, description,
                WwwAuthenticate.bearer(state.version(), "invalid_token", description));
    }

    /** Doorkeeper 5.9.1+ (4.6+) adds {@code insufficient_scope} to the 403; 5.7/5.8 send no header. */
    private ApiAccess forbiddenScope(Collection<String> acceptableScopes) {
        MastodonVersion version = state.version();
        String header = !version.usesDoorkeeper59() ? null : WwwAuthenticate.bearer(version, "insufficient_scope",
                MISSING_SCOPE.formatted(String.join(" ", acceptableScopes)));
        return new ApiAccess.Denied(403, OUTSIDE_SCOPES, header);
    }
}
