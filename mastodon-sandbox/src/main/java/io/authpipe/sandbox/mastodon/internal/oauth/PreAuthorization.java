package io.authpipe.sandbox.mastodon.internal.oauth;

import io.authpipe.sandbox.mastodon.MastodonVersion;
import io.authpipe.sandbox.mastodon.internal.state.Application;
import io.authpipe.sandbox.mastodon.internal.state.SandboxState;
import io.authpipe.sandbox.mastodon.internal.state.ScopeSet;
import java.util.Optional;
import java.util.Set;

/**
 * Doorkeeper's {@code PreAuthorization} validation, in the order of {@code MASTODON.md} §2 "Flow", 3: client_id,
 * client, redirect URI, response_type, response mode, scope, PKCE method. Runs only once the user is signed in.
 */
final class PreAuthorization {

    private static final Set<String> RESPONSE_MODES = Set.of("query", "fragment", "form_post");

    private final SandboxState state;

    PreAuthorization(SandboxState state) {
        this.state = state;
    }

    /** A validated request or the first failing check. */
    AuthorizeDecision validate(AuthorizeParams params) {
        if (blank(params.clientId())) {
            return fail(AuthorizeError.missing("client_id"));
        }
        Optional<Application> app = state.apps().byClientId(params.clientId());
        if (app.isEmpty()) {
            return fail(AuthorizeError.invalidClient());
        }
        if (blank(params.redirectUri())
                || !RedirectUriMatcher.validForAuthorization(params.redirectUri(), app.get().redirectUris())) {
            return fail(AuthorizeError.invalidRedirectUri());
        }
        return validateRequest(params, app.get());
    }

    private AuthorizeDecision validateRequest(AuthorizeParams params, Application app) {
        if (blank(params.responseType())) {
            return fail(AuthorizeError.missing("response_type"));
        }
        if (!params.responseType().equals("code")) {
            return fail(AuthorizeError.unsupportedResponseType());
        }
        String mode = blank(params.responseMode()) ? "query" : params.responseMode();
        if (!RESPONSE_MODES.contains(mode)) {
            return fail(AuthorizeError.unsupportedResponseMode());
        }
        Optional<ScopeSet> scopes = ScopeRules.requested(params.scope(), app, state.version());
        if (scopes.isEmpty()) {
            return fail(AuthorizeError.invalidScope());
        }
        return validatePkce(params, app, mode, scopes.get());
    }

    /** §2 row 8: with a challenge the method must be exactly S256; 4.2 ignores PKCE parameters entirely. */
    private AuthorizeDecision validatePkce(AuthorizeParams params, Application app, String mode, ScopeSet scopes) {
        MastodonVersion version = state.version();
        boolean pkce = version.supportsPkce() && !blank(params.codeChallenge());
        if (pkce && !"S256".equals(params.codeChallengeMethod())) {
            return fail(AuthorizeError.invalidCodeChallengeMethod(version.usesDoorkeeper59()));
        }
        return new AuthorizeDecision.Valid(new PreAuth(app, params.redirectUri(), scopes, params.state(), mode,
                pkce ? params.codeChallenge() : null, pkce ? "S256" : null, params.forceLogin()));
    }

    private static AuthorizeDecision fail(AuthorizeError error) {
        return new AuthorizeDecision.Invalid(error);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
