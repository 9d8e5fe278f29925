package io.authpipe.broker.flow;

import io.authpipe.broker.api.ApiProblem;
import java.time.Instant;

/** The result of starting a flow. */
public sealed interface ConnectOutcome {
    /** Send the user to {@code authorizeUrl} before {@code expiresAt}. */
    record AuthorizeLink(String authorizeUrl, Instant expiresAt) implements ConnectOutcome { }

    /** The request was refused; {@code problem} says why. */
    record Refused(ApiProblem problem) implements ConnectOutcome { }
}
