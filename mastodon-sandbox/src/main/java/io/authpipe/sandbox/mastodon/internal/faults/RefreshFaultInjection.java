package io.authpipe.sandbox.mastodon.internal.faults;

import io.authpipe.sandbox.mastodon.RefreshFault;
import io.authpipe.sandbox.mastodon.internal.state.SandboxState;
import io.authpipe.sandbox.mastodon.internal.web.Params;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Wraps {@code POST /oauth/token}: each {@code grant_type=refresh_token} request is counted and meets the
 * {@link RefreshFault} armed in {@link SandboxState#refreshTraffic()}, if any; every other request goes straight
 * to the token endpoint. A slow answer is held back asynchronously, by wall-clock time (the sandbox clock is for
 * protocol decisions, and tests often stop it), without occupying a server thread.
 */
public final class RefreshFaultInjection implements Handler {

    private final SandboxState state;
    private final Handler tokenEndpoint;

    /** Decorates {@code tokenEndpoint}. */
    public RefreshFaultInjection(SandboxState state, Handler tokenEndpoint) {
        this.state = state;
        this.tokenEndpoint = tokenEndpoint;
    }

    @Override
    public void handle(Context ctx) throws Exception {
        Optional<RefreshFault> fault = isRefreshGrant(ctx) ? state.refreshTraffic().receive() : Optional.empty();
        if (fault.isPresent()) {
            play(ctx, fault.get());
        } else {
            tokenEndpoint.handle(ctx);
        }
    }

    private void play(Context ctx, RefreshFault fault) throws Exception {
        if (fault instanceof RefreshFault.SlowAnswer slow) {
            tokenEndpoint.handle(ctx);
            holdBack(ctx, slow.delay());
        } else if (fault instanceof RefreshFault.Throttled throttled) {
            FaultAnswers.throttled(ctx, throttled, state.config().rateLimits().unauthenticatedPerWindow(),
                    state.now());
        } else if (fault instanceof RefreshFault.ProxyPage) {
            FaultAnswers.proxyPage(ctx);
        } else if (fault instanceof RefreshFault.ServerError) {
            FaultAnswers.serverError(ctx);
        } else {
            throw new IllegalStateException("unhandled refresh fault " + fault);
        }
    }

    /** Javalin writes the result the endpoint already set once this future completes. */
    private static void holdBack(Context ctx, Duration delay) {
        ctx.future(() -> CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS)));
    }

    private static boolean isRefreshGrant(Context ctx) {
        return "refresh_token".equals(Params.of(ctx).string("grant_type"));
    }
}
