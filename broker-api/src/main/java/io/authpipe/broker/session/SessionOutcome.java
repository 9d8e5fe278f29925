package io.authpipe.broker.session;

import io.authpipe.broker.api.ApiProblem;
import io.authpipe.core.secret.Secret;
import java.time.Instant;

/** What a request about a connect session ends in. */
public sealed interface SessionOutcome {
    /** A new session: its token goes to the tenant's backend once. */
    record Opened(String id, Secret token, Instant expiresAt, String connectUrl) implements SessionOutcome { }

    /** A flow started: the page sends the browser to {@code authorizeUrl}, with {@code cookie} set. */
    record Started(String authorizeUrl, Secret cookie) implements SessionOutcome { }

    /** Refused; {@code problem} says why. */
    record Refused(ApiProblem problem) implements SessionOutcome { }
}
