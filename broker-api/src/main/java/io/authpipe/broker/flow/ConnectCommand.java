package io.authpipe.broker.flow;

import java.util.List;

/**
 * A request to start connecting a user's account, as it arrived (HTTP body or connect-requests record), before
 * validation. {@link ConnectService} validates every field.
 */
public record ConnectCommand(String provider, String userId, String instance, List<String> scopes, String returnTo,
                             boolean forceLogin) {
}
