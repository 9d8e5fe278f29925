package io.authpipe.broker.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.api.model.ConnectStarted;
import io.authpipe.broker.flow.CallbackOutcome;
import io.authpipe.broker.flow.CallbackParams;
import io.authpipe.broker.flow.CallbackService;
import io.authpipe.broker.flow.ConnectCommand;
import io.authpipe.broker.flow.ConnectOutcome;
import io.authpipe.broker.flow.ConnectLinks;
import io.authpipe.broker.flow.StateToken;
import io.authpipe.broker.routing.StoreRouter;
import io.authpipe.broker.session.BrowserCookie;
import io.authpipe.broker.vault.VaultTopology;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Optional;

/** {@code POST /v1/connect} and {@code GET /v1/oauth/callback}: the two ends of the OAuth flow. */
final class ConnectRoutes {
    private final ConnectLinks connect;
    private final CallbackService callback;
    private final StoreRouter router;
    private final Forwarder forwarder;
    private final Answers answers;

    ConnectRoutes(ConnectLinks connect, CallbackService callback, StoreRouter router, Forwarder forwarder,
                  Answers answers) {
        this.connect = connect;
        this.callback = callback;
        this.router = router;
        this.forwarder = forwarder;
        this.answers = answers;
    }

    void register(Javalin app) {
        app.post("/v1/connect", this::connect);
        app.get("/v1/oauth/callback", this::callback);
    }

    private void connect(Context ctx) {
        JsonNode body = JsonBodies.object(ctx);
        ConnectCommand command = new ConnectCommand(
                JsonBodies.requiredText(body, "provider"),
                JsonBodies.requiredText(body, "userId"),
                JsonBodies.requiredText(body, "instance"),
                JsonBodies.requiredStrings(body, "scopes"),
                JsonBodies.requiredText(body, "returnTo"),
                JsonBodies.optionalBoolean(body, "forceLogin"));
        ConnectOutcome outcome = connect.link(TenantAuth.tenant(ctx), command);
        if (outcome instanceof ConnectOutcome.Refused refused) {
            answers.problem(ctx, refused.problem());
            return;
        }
        ConnectOutcome.AuthorizeLink link = (ConnectOutcome.AuthorizeLink) outcome;
        ctx.json(new ConnectStarted(link.authorizeUrl(), link.expiresAt()));
    }

    /** A browser (which asks for HTML) gets a page it can show; scripts get the JSON problem. */
    private static boolean wantsPage(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/html");
    }

    private void callback(Context ctx) {
        Optional<String> state = Optional.ofNullable(ctx.queryParam("state")).filter(s -> !s.isBlank());
        if (state.isPresent() && forwarder.handledElsewhere(ctx,
                router.ownerOf(VaultTopology.AUTHORIZATIONS_STORE, StateToken.storeKey(state.get())))) {
            return;
        }
        CallbackOutcome outcome = callback.complete(new CallbackParams(
                Optional.ofNullable(ctx.queryParam("tenant")), state,
                Optional.ofNullable(ctx.queryParam("code")), Optional.ofNullable(ctx.queryParam("error")),
                Optional.ofNullable(ctx.cookie(BrowserCookie.NAME))));
        if (outcome instanceof CallbackOutcome.Redirect redirect) {
            ctx.redirect(redirect.location(), io.javalin.http.HttpStatus.FOUND);
        } else if (outcome instanceof CallbackOutcome.Finish finish) {
            ConnectPages.finish(ctx, finish.result(), finish.browser());
        } else if (wantsPage(ctx)) {
            ConnectPages.refusal(ctx, ((CallbackOutcome.Problem) outcome).problem());
        } else {
            answers.problem(ctx, ((CallbackOutcome.Problem) outcome).problem());
        }
    }
}
