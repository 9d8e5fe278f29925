package io.authpipe.sandbox.mastodon.internal.state;

/**
 * What a grant asks the token store for.
 *
 * @param applicationId the client app
 * @param accountId     the resource owner, {@code null} for client credentials
 * @param scopes        the scopes to grant
 */
public record TokenRequest(long applicationId, Long accountId, ScopeSet scopes) {
}
