package io.authpipe.broker.http;

import io.authpipe.broker.config.HttpSettings;
import io.authpipe.broker.config.PeerSettings;
import io.authpipe.broker.connection.CheckRequests;
import io.authpipe.broker.connection.ConnectionStore;
import io.authpipe.broker.connection.CredentialReader;
import io.authpipe.broker.connection.DisconnectService;
import io.authpipe.broker.connection.UrgentRefresh;
import io.authpipe.broker.events.EventStreams;
import io.authpipe.broker.flow.AppRegistry;
import io.authpipe.broker.flow.CallbackService;
import io.authpipe.broker.keys.KeyRotations;
import io.authpipe.broker.keys.TenantEraser;
import io.authpipe.broker.routing.StoreRouter;
import io.authpipe.broker.producers.ProducerKeys;
import io.authpipe.broker.secrets.TenantSecrets;
import io.authpipe.broker.session.ConnectSessionService;
import io.authpipe.broker.tenant.TenantRegistry;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * broker-api's HTTP surface. Every {@code /v1} route but the OAuth callback and a connect session's own routes
 * (which take the session token) needs a tenant API key; every error is
 * a JSON body {@code {"error": code, "message": text}} with a precise status. Every request first meets
 * {@link Admission} (who calls, within which budget); see {@link HttpServer} for the limits below the routes.
 */
public final class HttpApi implements AutoCloseable {
    /** A neutral landing page for flows whose tenant has no page of its own (the dev tenant, scripts, popups). */
    public static final String FINISHED_PATH = "/oauth/finished";

    private final Javalin app;
    private final Binding binding = new Binding();

    /** The services the routes call, and how the server treats callers and peers. */
    public record Services(TenantRegistry tenants, AppRegistry apps, ConnectSessionService sessions,
                           CallbackService callback,
                           ConnectionStore connections, CredentialReader reader, UrgentRefresh urgentRefresh,
                           DisconnectService disconnects, CheckRequests checks, TenantSecrets secrets,
                           ProducerKeys producerKeys,
                           KeyRotations rotations, TenantEraser eraser, StoreRouter router, EventStreams events,
                           PrometheusMeterRegistry meters, Optional<String> adminToken, HttpSettings http, PeerSettings peers, String peerScheme,
                           Clock clock) {
    }

    public HttpApi(Services services) {
        Answers answers = new Answers(services.clock());
        PeerAuth peers = new PeerAuth(services.peers().secret());
        Forwarder forwarder = new Forwarder(PeerHttp.client(services.peers().trustStore()), services.peerScheme(),
                peers, services.clock());
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            HttpServer.configure(config, services.http(), binding);
        });
        app.before(admission(services, peers)::admit);
        new ConnectRoutes(services.sessions(), services.callback(), services.router(), forwarder, answers).register(app);
        new SessionRoutes(services.sessions(), services.router(), forwarder, answers,
                services.peerScheme().equals("https")).register(app);
        ConnectPages.register(app);
        TenantConnections tenantConnections = new TenantConnections(services.connections(), services.router(),
                forwarder, peers);
        new ConnectionRoutes(services.connections(), services.reader(), services.urgentRefresh(),
                services.disconnects(), services.checks(), tenantConnections, forwarder, services.clock())
                .register(app);
        new SecretRoutes(services.secrets()).register(app);
        new ProducerKeyRoutes(services.producerKeys()).register(app);
        new EventRoutes(services.events()).register(app);
        app.get(OpenApi.PATH, OpenApi::serve);
        HttpMetrics metrics = new HttpMetrics(services.meters());
        app.after(metrics::count);
        if (services.adminToken().isPresent()) {
            app.get("/admin/metrics", metrics::serve);
            new AdminRoutes(services.tenants(), services.producerKeys()).register(app);
            new KeyRoutes(services.tenants(), services.rotations(), services.eraser(), tenantConnections).register(app);
        }
        app.get("/health", ctx -> health(ctx, services.router()));
        app.get(FINISHED_PATH, HttpApi::finished);
        new ErrorAnswers(answers, services.clock()).register(app);
    }

    private static Admission admission(Services services, PeerAuth peers) {
        HttpSettings http = services.http();
        return new Admission(peers, new TenantAuth(services.tenants()), new AdminAuth(services.adminToken()),
                new ClientAddress(http.trustedProxies()),
                new RateLimiter(http.anonymousLimit(), http.trackedCallers(), services.clock()),
                new RateLimiter(http.tenantLimit(), http.trackedCallers(), services.clock()));
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
        ctx.json(Views.JSON.createObjectNode()
                .put("status", ctx.queryParam("authpipe_status"))
                .put("provider", ctx.queryParam("authpipe_provider"))
                .put("userId", ctx.queryParam("authpipe_user"))
                .put("error", ctx.queryParam("authpipe_error")));
    }

    public HttpApi start(String host, int port) {
        binding.bind(host, port);
        app.start();
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** Where the server listens, known at {@link #start}; Jetty's connector reads it then. */
    static final class Binding {
        private volatile String host;
        private volatile int port;

        void bind(String host, int port) {
            this.host = host;
            this.port = port;
        }

        String host() {
            return host;
        }

        int port() {
            return port;
        }
    }
}
