package io.authpipe.broker.flow;

import java.util.List;
import java.util.Optional;

/**
 * A request to start connecting a user's account, as it arrived (HTTP body or connect-requests record), before
 * validation. {@link ConnectService} validates every field.
 *
 * @param stateChallenge the producer's challenge for a {@code handle.proof} state ({@link StateToken}); empty for
 *                       a whole state minted by Authpipe (the HTTP API's answer travels only to the tenant)
 */
public record ConnectCommand(String provider, String userId, String instance, List<String> scopes, String returnTo,
                             boolean forceLogin, Optional<String> stateChallenge) {

    /** A command whose state Authpipe mints whole. */
    public ConnectCommand(String provider, String userId, String instance, List<String> scopes, String returnTo,
                          boolean forceLogin) {
        this(provider, userId, instance, scopes, returnTo, forceLogin, Optional.empty());
    }
}
