package io.authpipe.broker.http;

import io.authpipe.broker.api.ApiProblem;
import io.authpipe.broker.connection.CheckRequests;
import io.authpipe.broker.connection.ConnectionStore;
import io.authpipe.broker.connection.CredentialReader;
import io.authpipe.broker.connection.DisconnectService;
import io.authpipe.broker.connection.UrgentRefresh;
import io.authpipe.broker.flow.CallbackService;
import io.authpipe.broker.flow.CallbackUrls;
import io.authpipe.broker.flow.ConnectService;
import io.authpipe.broker.keys.KeyRotations;
import io.authpipe.broker.keys.TenantEraser;
import io.authpipe.broker.secrets.TenantSecrets;
import io.authpipe.broker.routing.StoreRouter;
import io.authpipe.broker.tenant.TenantRegistry;
import io.authpipe.vault.KmsKeyUnusableException;
import io.authpipe.vault.KmsUnavailableException;
import io.authpipe.vault.VaultCryptoException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.time.Clock;
import org.apache.kafka.streams.KafkaStreams;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * broker-api's HTTP surface. Every {@code /v1} route but the OAuth callback needs a tenant API key; every error is
 * a JSON body {@code {"error": code, "message": text}} with a precise status.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    /** A neutral landing page for flows whose tenant has no page of its own (the dev tenant, scripts, popups). */
    public static final String FINISHED_PATH = "/oauth/finished";

    private final Javalin app;

    /** The services the routes call. */
    public record Services(TenantRegistry tenants, ConnectService connect, CallbackService callback,
                           ConnectionStore connections, CredentialReader reader, UrgentRefresh urgentRefresh,
                           DisconnectService disconnects, CheckRequests checks, TenantSecrets secrets,
                           KeyRotations rotations, TenantEraser eraser, StoreRouter router,
                           Optional<String> adminToken, Clock clock) {
    }

    public HttpApi(Services services) {
        Answers answers = new Answers(services.clock());
        Forwarder forwarder = new Forwarder(services.clock());
        TenantAuth auth = new TenantAuth(services.tenants());
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = 64 * 1024;
        });
        app.before("/v1/*", ctx -> {
            if (!ctx.path().equals(CallbackUrls.PATH) && ctx.method() != HandlerType.OPTIONS) {
                auth.authenticate(ctx);
            }
        });
        new ConnectRoutes(services.connect(), services.callback(), services.router(), forwarder, answers).register(app);
        TenantConnections tenantConnections = new TenantConnections(services.connections(), services.router(),
                forwarder);
        new ConnectionRoutes(services.connections(), services.reader(), services.urgentRefresh(),
                services.disconnects(), services.checks(), tenantConnections, forwarder, services.clock())
                .register(app);
        new SecretRoutes(services.secrets()).register(app);
        services.adminToken().ifPresent(token -> {
            new AdminRoutes(services.tenants(), token).register(app);
            new KeyRoutes(services.tenants(), services.rotations(), services.eraser(), tenantConnections).register(app);
        });
        app.get("/health", ctx -> health(ctx, services.router()));
        app.get(FINISHED_PATH, HttpApi::finished);
        registerErrors(answers, services);
    }

    private void registerErrors(Answers answers, Services services) {
        app.exception(ApiProblem.ApiException.class, (e, ctx) -> answers.problem(ctx, e.problem()));
        app.exception(KmsUnavailableException.class, (e, ctx) -> answers.problem(ctx, ApiProblem.unavailable(
                "kms_unavailable", e.getMessage(), services.clock().instant().plusSeconds(1))));
        app.exception(KmsKeyUnusableException.class, (e, ctx) -> answers.problem(ctx, ApiProblem.of(503,
                "kms_key_unusable", e.getMessage())));
        app.exception(VaultCryptoException.class, (e, ctx) -> answers.problem(ctx, ApiProblem.of(500,
                "decryption_failed", "a stored secret could not be decrypted")));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("request failed path={} cause={}", ctx.path(), e.getClass().getName(), e);
            answers.problem(ctx, ApiProblem.of(500, "internal_error", "the request failed; see the broker logs"));
        });
        app.exception(HttpResponseException.class, (e, ctx) -> answers.problem(ctx, e.getStatus() == 404
                ? ApiProblem.notFound("not_found", "no such endpoint: " + ctx.method() + " " + ctx.path())
                : ApiProblem.of(e.getStatus(), "http_" + e.getStatus(), e.getMessage())));
    }

    /** 200 while the vault's stores can answer; 503 while starting, rebalancing or failed. */
    private static void health(Context ctx, StoreRouter router) {
        KafkaStreams.State state = router.state();
        ctx.status(state == KafkaStreams.State.RUNNING ? 200 : 503).json(Views.JSON.createObjectNode()
                .put("status", state == KafkaStreams.State.RUNNING ? "ok" : "unavailable")
                .put("streams", state.name().toLowerCase(java.util.Locale.ROOT)));
    }

    /** Echoes the flow's outcome from the {@code authpipe_*} parameters of the redirect; holds no secret. */
    private static void finished(Context ctx) {
        ctx.header("Cache-Control", "no-store").json(Views.JSON.createObjectNode()
                .put("status", ctx.queryParam("authpipe_status"))
                .put("provider", ctx.queryParam("authpipe_provider"))
                .put("userId", ctx.queryParam("authpipe_user"))
                .put("error", ctx.queryParam("authpipe_error")));
    }

    public HttpApi start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
