package io.authpipe.sandbox.mastodon;

import io.authpipe.sandbox.mastodon.internal.SandboxServer;
import io.authpipe.sandbox.mastodon.internal.operator.OperatorActions;
import io.authpipe.sandbox.mastodon.internal.state.SandboxState;
import io.javalin.Javalin;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local HTTP server that behaves like a Mastodon 4.x server as far as OAuth and credentials go: app
 * registration, the browser authorize flow (sign-in, consent), the token and revoke endpoints,
 * {@code verify_credentials}, discovery documents and Rack::Attack rate limits, with the quirks documented in
 * {@code MASTODON.md}. Used by the broker's dev mode and by integration tests over real HTTP on loopback.
 *
 * <pre>{@code
 * try (MastodonSandbox sandbox = MastodonSandbox.start(SandboxConfig.defaults())) {
 *     String base = sandbox.baseUrl();                       // http://127.0.0.1:<port>
 *     // register an app with POST base + "/api/v1/apps", then:
 *     URI callback = new SandboxBrowser().approve(authorizeUrl, "alice", "alice-password");
 *     sandbox.operator().revokeTokensOf("alice");           // the user clicks "Revoke"
 * }
 * }</pre>
 *
 * <p>All state lives in memory and is thread-safe; nothing is persisted. Time comes only from
 * {@link SandboxConfig#clock()}. Token and secret values are never logged.
 */
public final class MastodonSandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MastodonSandbox.class);

    private final SandboxConfig config;
    private final Javalin server;
    private final SandboxOperator operator;
    private final String baseUrl;

    private MastodonSandbox(SandboxConfig config, Javalin server, SandboxOperator operator, String baseUrl) {
        this.config = config;
        this.server = server;
        this.operator = operator;
        this.baseUrl = baseUrl;
    }

    /**
     * Starts a sandbox and returns once it accepts connections.
     *
     * @throws IllegalStateException if the port cannot be bound
     */
    public static MastodonSandbox start(SandboxConfig config) {
        Objects.requireNonNull(config, "config");
        SandboxState state = new SandboxState(config);
        OperatorActions operator = new OperatorActions(state);
        Javalin server = SandboxServer.create(state, operator);
        try {
            server.start(config.bindHost(), config.port());
        } catch (RuntimeException e) {
            server.stop();
            throw new IllegalStateException("Mastodon sandbox could not listen on " + config.bindHost() + ":"
                    + config.port(), e);
        }
        String baseUrl = "http://" + urlHost(config.bindHost()) + ":" + server.port();
        state.baseUrl(baseUrl);
        LOG.info("Mastodon sandbox started version={} url={} localDomain={}", config.version().versionString(),
                baseUrl, config.localDomain());
        return new MastodonSandbox(config, server, operator, baseUrl);
    }

    /** The web address (Mastodon's WEB_DOMAIN), e.g. {@code http://127.0.0.1:41234}, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The bound TCP port (the ephemeral one when configured with port 0). */
    public int port() {
        return server.port();
    }

    /** The configuration this sandbox was started with. */
    public SandboxConfig config() {
        return config;
    }

    /** Programmatic access to the operator actions (the same as the {@code /_sandbox} endpoints). */
    public SandboxOperator operator() {
        return operator;
    }

    /** Stops the server; state is discarded. Idempotent. */
    @Override
    public void close() {
        server.stop();
        LOG.info("Mastodon sandbox stopped url={}", baseUrl);
    }

    /** Wildcard binds are reached through loopback; IPv6 literals need brackets in URLs. */
    private static String urlHost(String bindHost) {
        if (bindHost.equals("0.0.0.0") || bindHost.equals("::") || bindHost.equals("[::]")) {
            return "127.0.0.1";
        }
        return bindHost.contains(":") && !bindHost.startsWith("[") ? "[" + bindHost + "]" : bindHost;
    }
}
