package io.authpipe.sandbox.mastodon.internal.oauth;

/**
 * A browser session behind the {@code _mastodon_session} cookie.
 *
 * @param id        the cookie value
 * @param accountId signed-in account, or {@code null}
 * @param returnTo  where to go after sign-in (the stored authorize URL), or {@code null}
 * @param csrfToken Rails' {@code authenticity_token} for this session's forms
 */
record Session(String id, Long accountId, String returnTo, String csrfToken) {

    Session withReturnTo(String location) {
        return new Session(id, accountId, location, csrfToken);
    }

    /** Never prints the cookie value or CSRF token. */
    @Override
    public String toString() {
        return "Session[account=" + accountId + "]";
    }
}
