package io.authpipe.sandbox.mastodon.internal.oauth;

/** The result of pre-authorization: a request to show or approve, or the error page to render. */
sealed interface AuthorizeDecision {

    /** @param preAuth the validated request */
    record Valid(PreAuth preAuth) implements AuthorizeDecision {
    }

    /** @param error the first failing check */
    record Invalid(AuthorizeError error) implements AuthorizeDecision {
    }
}
