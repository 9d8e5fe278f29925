package io.authpipe.broker.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.api.model.ConnectSessionCreated;
import io.authpipe.api.model.FlowStarted;
import io.authpipe.broker.api.ApiProblem;
import io.authpipe.broker.routing.StoreRouter;
import io.authpipe.broker.session.BrowserCookie;
import io.authpipe.broker.session.ConnectSessionService;
import io.authpipe.broker.session.SessionOutcome;
import io.authpipe.broker.session.SessionRequest;
import io.authpipe.broker.session.StartRequest;
import io.authpipe.broker.vault.VaultTopology;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;

/**
 * Connect sessions over HTTP. {@code POST /v1/connect-sessions} takes the tenant's API key; the session's own
 * routes take the session token ({@code Authorization: Bearer cs_….…}) and are served by the instance owning the
 * session. Its state may be read cross-origin by the session's allowed origins (CORS); the start, which sets the
 * browser's binding cookie, only by Authpipe's own connect page (no CORS).
 */
final class SessionRoutes {
    static final String PATH = "/v1/connect-sessions";
    private static final Duration COOKIE_LIFETIME = Duration.ofMinutes(30);

    private final ConnectSessionService sessions;
    private final StoreRouter router;
    private final Forwarder forwarder;
    private final Answers answers;
    private final boolean secureCookies;

    SessionRoutes(ConnectSessionService sessions, StoreRouter router, Forwarder forwarder, Answers answers,
                  boolean secureCookies) {
        this.sessions = sessions;
        this.router = router;
        this.forwarder = forwarder;
        this.answers = answers;
        this.secureCookies = secureCookies;
    }

    void register(Javalin app) {
        app.post(PATH, this::open);
        app.options(PATH + "/{id}", SessionRoutes::preflight);
        app.get(PATH + "/{id}", this::view);
        app.post(PATH + "/{id}/start", this::start);
    }

    private void open(Context ctx) {
        JsonNode body = JsonBodies.object(ctx);
        SessionOutcome outcome = sessions.open(TenantAuth.tenant(ctx), new SessionRequest(
                JsonBodies.requiredText(body, "userId"),
                JsonBodies.optionalText(body, "provider"),
                JsonBodies.optionalText(body, "instance"),
                JsonBodies.optionalStrings(body, "scopes"),
                JsonBodies.requiredStrings(body, "allowedOrigins"),
                JsonBodies.optionalText(body, "returnTo"),
                expiresIn(body)));
        if (outcome instanceof SessionOutcome.Refused refused) {
            answers.problem(ctx, refused.problem());
            return;
        }
        SessionOutcome.Opened opened = (SessionOutcome.Opened) outcome;
        ctx.status(201).json(new ConnectSessionCreated(opened.id(), opened.token().reveal(), opened.expiresAt(),
                opened.connectUrl()));
    }

    private static Optional<Duration> expiresIn(JsonNode body) {
        JsonNode value = body.get("expiresInSeconds");
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.canConvertToLong()) {
            throw ApiProblem.badRequest("invalid_expires_in", "expiresInSeconds must be a whole number").toException();
        }
        return Optional.of(Duration.ofSeconds(value.asLong()));
    }

    /** Any origin may ask; only an allowed origin's GET gets an answer it can read. */
    private static void preflight(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null) {
            ctx.header("Access-Control-Allow-Origin", origin);
        }
        ctx.header("Access-Control-Allow-Methods", "GET");
        ctx.header("Access-Control-Allow-Headers", "Authorization");
        ctx.header("Access-Control-Max-Age", "600");
        ctx.header("Vary", "Origin");
        ctx.status(204);
    }

    private void view(Context ctx) {
        String id = ctx.pathParam("id");
        if (forwarder.handledElsewhere(ctx, router.ownerOf(VaultTopology.CONNECT_SESSIONS_STORE, id))) {
            return;
        }
        ConnectSessionService.SessionView view = sessions.view(id, bearer(ctx))
                .orElseThrow(() -> ConnectSessionService.unknown().toException());
        String origin = ctx.header("Origin");
        ctx.header("Vary", "Origin");
        if (origin != null && view.allowedOrigins().contains(origin)) {
            ctx.header("Access-Control-Allow-Origin", origin);
        }
        ctx.json(view.body());
    }

    private void start(Context ctx) {
        String id = ctx.pathParam("id");
        if (forwarder.handledElsewhere(ctx, router.ownerOf(VaultTopology.CONNECT_SESSIONS_STORE, id))) {
            return;
        }
        JsonNode body = JsonBodies.object(ctx);
        SessionOutcome outcome = sessions.start(id, bearer(ctx), new StartRequest(
                JsonBodies.optionalText(body, "instance"),
                JsonBodies.optionalText(body, "origin"),
                JsonBodies.optionalText(body, "nonce"),
                JsonBodies.optionalText(body, "mode").orElse("page"),
                Optional.ofNullable(ctx.cookie(BrowserCookie.NAME))));
        if (outcome instanceof SessionOutcome.Refused refused) {
            answers.problem(ctx, refused.problem());
            return;
        }
        SessionOutcome.Started started = (SessionOutcome.Started) outcome;
        ctx.header("Set-Cookie", BrowserCookie.header(started.cookie().reveal(), secureCookies, COOKIE_LIFETIME));
        ctx.json(new FlowStarted(started.authorizeUrl()));
    }

    /** The session token; without one, the session is as unknown as with a wrong one. */
    private static String bearer(Context ctx) {
        return TenantAuth.bearer(ctx).orElseThrow(() -> ConnectSessionService.unknown().toException());
    }
}
