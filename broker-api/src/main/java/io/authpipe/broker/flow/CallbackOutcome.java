package io.authpipe.broker.flow;

import io.authpipe.broker.api.ApiProblem;
import io.authpipe.events.BrowserBinding;

/** How the callback answers the browser. */
public sealed interface CallbackOutcome {
    /** 302 to the tenant's {@code returnTo} with the result in {@code authpipe_*} query parameters. */
    record Redirect(String location) implements CallbackOutcome { }

    /** A page that reports {@code result} to the opener {@code browser} names (or shows it, without an opener). */
    record Finish(FlowResult result, BrowserBinding browser) implements CallbackOutcome { }

    /** The request cannot be trusted (unknown or used state, another tenant's, another browser's): no redirect. */
    record Problem(ApiProblem problem) implements CallbackOutcome { }
}
