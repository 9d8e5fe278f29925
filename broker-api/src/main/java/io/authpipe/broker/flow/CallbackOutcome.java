package io.authpipe.broker.flow;

import io.authpipe.broker.api.ApiProblem;

/** How the callback answers the browser. */
public sealed interface CallbackOutcome {
    /** 302 to the tenant's {@code returnTo} with the result in {@code authpipe_*} query parameters. */
    record Redirect(String location) implements CallbackOutcome { }

    /** The state cannot be trusted (unknown, used, another tenant's): no redirect, an error body. */
    record Problem(ApiProblem problem) implements CallbackOutcome { }
}
