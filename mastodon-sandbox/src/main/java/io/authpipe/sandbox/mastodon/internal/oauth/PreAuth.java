package io.authpipe.sandbox.mastodon.internal.oauth;

import io.authpipe.sandbox.mastodon.internal.state.Application;
import io.authpipe.sandbox.mastodon.internal.state.ScopeSet;

/**
 * A validated authorization request.
 *
 * @param app                 the client app
 * @param redirectUri         the redirect URI as requested
 * @param scopes              requested (or default) scopes
 * @param state               {@code state}, may be {@code null}
 * @param responseMode        {@code query}, {@code fragment} or {@code form_post}
 * @param codeChallenge       PKCE challenge or {@code null} (always {@code null} on 4.2)
 * @param codeChallengeMethod PKCE method or {@code null}
 * @param forceLogin          whether auto-approval is off
 */
record PreAuth(Application app, String redirectUri, ScopeSet scopes, String state, String responseMode,
               String codeChallenge, String codeChallengeMethod, boolean forceLogin) {

    boolean isOob() {
        return RedirectUriMatcher.isOob(redirectUri);
    }
}
