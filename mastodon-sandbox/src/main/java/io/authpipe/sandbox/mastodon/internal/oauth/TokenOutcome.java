package io.authpipe.sandbox.mastodon.internal.oauth;

import io.authpipe.sandbox.mastodon.internal.state.AccessToken;

/** What a grant produced: a token to return, or an OAuth error. */
sealed interface TokenOutcome {

    /** @param token the issued or reused token */
    record Issued(AccessToken token) implements TokenOutcome {
    }

    /** @param error the error to answer with */
    record Failed(OAuthError error) implements TokenOutcome {
    }

    static TokenOutcome fail(OAuthError error) {
        return new Failed(error);
    }
}
