package io.authpipe.sandbox.mastodon;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a Mastodon user or admin can do to credentials outside the OAuth protocol, for tests and demos
 * ({@code MASTODON.md} §4 "Events and their effect on a user token"), plus failures of the refresh grant
 * ({@link RefreshFault}), outages of the whole server ({@link Outage}) and counts of refresh requests. The same
 * actions are served over HTTP under {@code /_sandbox}. All methods are thread-safe and take effect immediately.
 *
 * <p>Unknown usernames raise {@link IllegalArgumentException}; usernames match case-insensitively.
 */
public interface SandboxOperator {

    /**
     * Like "Revoke" in Settings → Authorized apps, for every app: revokes all of the user's tokens (and their
     * refresh tokens). The API then answers 401 "The access token was revoked".
     *
     * @return how many of the user's tokens were not yet revoked (expired ones included) and are now revoked
     */
    int revokeTokensOf(String username);

    /**
     * Revokes one access token (or the token a refresh token belongs to).
     *
     * @return {@code false} if the token is unknown or was already revoked
     */
    boolean revokeToken(String accessToken);

    /** Admin suspension: tokens stay, but every API call with them answers 403 "Your login is currently disabled". */
    void suspend(String username);

    /** Lifts a suspension; the old tokens work again. */
    void unsuspend(String username);

    /**
     * The user deletes the account. The sandbox skips the transient "login disabled" phase: the account can no
     * longer sign in and its tokens are deleted, so the API answers 401 "The access token is invalid".
     */
    void deleteAccount(String username);

    /**
     * Makes {@code verify_credentials} misreport the user, as a hostile or broken instance would: each field of
     * {@code fields} (any JSON value, null included) replaces the account's own in every answer, e.g.
     * {@code {"url": "javascript:alert(1)"}} or {@code {"acct": "gargron@mastodon.social"}}. Replaces earlier
     * overrides; an empty map restores the truth. Over HTTP: {@code PUT /_sandbox/accounts/{username}/profile} with
     * a JSON object, {@code DELETE} to restore.
     */
    void misreportProfile(String username, Map<String, Object> fields);

    /**
     * Makes an access token expired as of now (its refresh token keeps working). Meant for
     * {@link TokenPolicy#expiring}; stock Mastodon never expires tokens, but the sandbox applies it regardless.
     *
     * @throws IllegalArgumentException if the token is unknown
     */
    void expireAccessToken(String accessToken);

    /** The user's tokens that are neither revoked nor expired, oldest first. For tests; never log them. */
    List<String> activeTokensOf(String username);

    /**
     * Every access and refresh token ever issued to the user, revoked and expired ones included: lets tests prove a
     * client never stores or logs one. Never log them.
     */
    List<String> everyTokenOf(String username);

    /**
     * Issues {@code count} user tokens at once, as if the user had authorised {@code clientId} for {@code scopes}
     * that many times and the app had exchanged every code: the same token policy applies (expiry, refresh token,
     * rotation), and each token starts its own refresh family. A benchmark and test aid, not a Mastodon feature:
     * there is no browser flow, no authorization code, and no reuse of an active token (a code exchange would hand
     * the same token back), so one account can hold many connections; the refresh-worker benchmark mints a million.
     * Every token stays in memory for the sandbox's lifetime, roughly half a kilobyte of heap each. Not served over
     * HTTP.
     *
     * @param scopes the scopes to grant; they must be ones an authorisation of this app could grant (the app's
     *               registered scopes, or any server scope if it registered none)
     * @return the tokens in issue order. Never log them
     * @throws IllegalArgumentException if the user is unknown or deleted, the client id is unknown, the scopes are
     *                                  empty or not grantable to the app, or {@code count} is negative
     */
    List<IssuedToken> mintTokens(String username, String clientId, List<String> scopes, int count);

    /** The number of registered applications. */
    int appCount();

    /** Every registered app's {@code client_secret}: lets tests prove a client never stores or logs one. */
    List<String> clientSecrets();

    /** Every {@code code_verifier} the token endpoint received: lets tests prove a client never stores one. */
    List<String> receivedCodeVerifiers();

    /**
     * Makes the next {@code times} {@code grant_type=refresh_token} requests to {@code POST /oauth/token} meet
     * {@code fault}, whatever else they carry; other grant types are untouched. Replaces a fault that is still
     * armed; {@code times == 0} disarms. Over HTTP: {@code POST /_sandbox/refreshes/fail}.
     *
     * @throws IllegalArgumentException if {@code times} is negative
     */
    void failRefreshes(RefreshFault fault, int times);

    /**
     * How many {@code grant_type=refresh_token} requests reached {@code POST /oauth/token}: faulted or not,
     * successful or not. Over HTTP: {@code grants_received} of {@code GET /_sandbox/refreshes}.
     */
    int refreshGrantsReceived();

    /**
     * How many refresh grants issued new tokens, including those whose answer a {@link RefreshFault#slowAnswer}
     * held back. Over HTTP: {@code issued} of {@code GET /_sandbox/refreshes}.
     */
    int refreshesIssued();

    /**
     * How many times a refresh token that had already been rotated away was presented again: each is taken for theft
     * and revokes the whole token family ({@link TokenPolicy#expiring} with rotation). Over HTTP:
     * {@code replays_detected} of {@code GET /_sandbox/refreshes}.
     */
    int refreshReplaysDetected();

    /**
     * How many access tokens were revoked other than by a refresh replacing them: by the user or an admin (the
     * actions above), by {@code POST /oauth/revoke}, or by a replayed refresh token or authorization code. A
     * deleted account's tokens are deleted, not counted. Not served over HTTP.
     */
    int tokensRevoked();

    /**
     * Takes the whole server down behind its proxy: from now on every request except the operator endpoints under
     * {@code /_sandbox} gets {@code outage}'s answer and never reaches the server, so tokens, counters and throttles
     * stay as they were. Replaces an outage already under way. Over HTTP: {@code POST /_sandbox/outage}.
     */
    void startOutage(Outage outage);

    /** Brings the server back; does nothing if it is not down. Over HTTP: {@code DELETE /_sandbox/outage}. */
    void endOutage();

    /**
     * How many requests outages answered in the server's place since the sandbox started, all outages together:
     * lets tests see whether a client kept trying or backed off. Over HTTP: {@code requests_during_outage} of
     * {@code GET /_sandbox/outage}.
     */
    long requestsDuringOutage();

    /**
     * A token {@link #mintTokens} issued: what the token endpoint would have answered. {@link #toString()} never
     * prints the token strings.
     *
     * @param refreshToken empty when the token policy issues no refresh tokens (stock Mastodon)
     * @param createdAt    issue time ({@code created_at})
     * @param expiresAt    empty when the token policy's tokens never expire
     */
    record IssuedToken(String accessToken, Optional<String> refreshToken, Instant createdAt,
                       Optional<Instant> expiresAt) {

        @Override
        public String toString() {
            return "IssuedToken[[redacted], createdAt=" + createdAt + ", expiresAt=" + expiresAt.orElse(null) + "]";
        }
    }
}
