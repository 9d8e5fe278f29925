package io.authpipe.sandbox.mastodon.internal.faults;

import io.authpipe.sandbox.mastodon.Outage;
import io.authpipe.sandbox.mastodon.internal.state.SandboxState;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * A before-handler on every path, registered ahead of all others: while {@link SandboxState#outage()} has an
 * {@link Outage}, it answers the request in the server's place and skips everything else (throttles, endpoints,
 * refresh faults, the 404 fallback). The operator endpoints under {@code /_sandbox} pass: they are the control plane
 * that ends the outage.
 */
public final class OutageGate {

    private final SandboxState state;

    /** Reads the outage from {@code state}. */
    public OutageGate(SandboxState state) {
        this.state = state;
    }

    /** Answers with the outage, if there is one and the request is not for the operator. */
    public void handle(Context ctx) {
        if (isOperatorPath(ctx.path())) {
            return;
        }
        Optional<Outage> outage = state.outage().receive();
        if (outage.isPresent()) {
            play(ctx, outage.get());
            ctx.skipRemainingHandlers();
        }
    }

    private static void play(Context ctx, Outage outage) {
        if (outage instanceof Outage.ProxyPage) {
            FaultAnswers.proxyPage(ctx);
        } else if (outage instanceof Outage.ServerError) {
            FaultAnswers.serverError(ctx);
        } else if (outage instanceof Outage.BadGateway) {
            FaultAnswers.badGateway(ctx);
        } else {
            throw new IllegalStateException("unhandled outage " + outage);
        }
    }

    private static boolean isOperatorPath(String path) {
        return path.equals("/_sandbox") || path.startsWith("/_sandbox/");
    }
}
