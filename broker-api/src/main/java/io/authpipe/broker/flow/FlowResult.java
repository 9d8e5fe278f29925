package io.authpipe.broker.flow;

import io.authpipe.events.PendingAuthorization;
import java.util.Optional;

/**
 * How a flow ended, as the browser and its session learn it: connected (with the account's public handle and name)
 * or an error code. Never a token.
 */
public record FlowResult(String provider, String userId, Optional<String> error, Optional<String> acct,
                         Optional<String> displayName) {

    static FlowResult connected(PendingAuthorization flow, String acct, String displayName) {
        return new FlowResult(flow.getConnection().getProvider(), flow.getConnection().getUserId(), Optional.empty(),
                Optional.ofNullable(acct), Optional.ofNullable(displayName));
    }

    static FlowResult failed(PendingAuthorization flow, String error) {
        return new FlowResult(flow.getConnection().getProvider(), flow.getConnection().getUserId(),
                Optional.of(error), Optional.empty(), Optional.empty());
    }

    public boolean isConnected() {
        return error.isEmpty();
    }

    /** The connection's public handle: {@code provider:userId}. */
    public String connectionId() {
        return provider + ":" + userId;
    }
}
