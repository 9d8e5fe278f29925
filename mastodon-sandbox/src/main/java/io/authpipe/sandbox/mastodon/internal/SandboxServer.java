package io.authpipe.sandbox.mastodon.internal;

import io.authpipe.sandbox.mastodon.internal.api.AccountsHandler;
import io.authpipe.sandbox.mastodon.internal.api.ApiAuthenticator;
import io.authpipe.sandbox.mastodon.internal.api.InstanceHandler;
import io.authpipe.sandbox.mastodon.internal.apps.AppsHandler;
import io.authpipe.sandbox.mastodon.internal.discovery.DiscoveryHandler;
import io.authpipe.sandbox.mastodon.internal.faults.OutageGate;
import io.authpipe.sandbox.mastodon.internal.faults.RefreshFaultInjection;
import io.authpipe.sandbox.mastodon.internal.oauth.AuthorizeHandler;
import io.authpipe.sandbox.mastodon.internal.oauth.RevokeHandler;
import io.authpipe.sandbox.mastodon.internal.oauth.Sessions;
import io.authpipe.sandbox.mastodon.internal.oauth.SignInHandler;
import io.authpipe.sandbox.mastodon.internal.oauth.TokenHandler;
import io.authpipe.sandbox.mastodon.internal.oauth.UserinfoHandler;
import io.authpipe.sandbox.mastodon.internal.operator.HelpPage;
import io.authpipe.sandbox.mastodon.internal.operator.OperatorActions;
import io.authpipe.sandbox.mastodon.internal.operator.OperatorHandlers;
import io.authpipe.sandbox.mastodon.internal.ratelimit.ApiThrottling;
import io.authpipe.sandbox.mastodon.internal.state.SandboxState;
import io.javalin.Javalin;

/**
 * Wires every handler to its route. The only place that knows all features. The outage gate comes first, so an
 * outage answers before anything else runs.
 */
public final class SandboxServer {

    private SandboxServer() {
    }

    /** A configured, not yet started Javalin app serving {@code state}. */
    public static Javalin create(SandboxState state, OperatorActions operator) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
        });
        app.before(new OutageGate(state)::handle);
        ApiAuthenticator authenticator = new ApiAuthenticator(state);
        apiRoutes(app, state, authenticator);
        oauthRoutes(app, state, authenticator);
        discoveryRoutes(app, state);
        operatorRoutes(app, state, operator);
        Fallbacks.register(app);
        return app;
    }

    private static void apiRoutes(Javalin app, SandboxState state, ApiAuthenticator authenticator) {
        ApiThrottling throttling = new ApiThrottling(state);
        app.before("/api/*", throttling::handle);
        AppsHandler apps = new AppsHandler(state, authenticator);
        app.post("/api/v1/apps", apps::register);
        app.get("/api/v1/apps/verify_credentials", apps::verifyCredentials);
        app.get("/api/v1/accounts/verify_credentials", new AccountsHandler(state, authenticator)::verifyCredentials);
        InstanceHandler instance = new InstanceHandler(state);
        app.get("/api/v1/instance", instance::v1);
        app.get("/api/v2/instance", instance::v2);
    }

    private static void oauthRoutes(Javalin app, SandboxState state, ApiAuthenticator authenticator) {
        Sessions sessions = new Sessions(state);
        SignInHandler signIn = new SignInHandler(state, sessions);
        app.get("/", signIn::home);
        app.get("/auth/sign_in", signIn::show);
        app.post("/auth/sign_in", signIn::create);
        app.get("/auth/edit", signIn::edit);
        AuthorizeHandler authorize = new AuthorizeHandler(state, sessions);
        app.get("/oauth/authorize", authorize::show);
        app.post("/oauth/authorize", authorize::post);
        app.delete("/oauth/authorize", authorize::delete);
        app.get("/oauth/authorize/native", authorize::nativeCode);
        app.post("/oauth/token", new RefreshFaultInjection(state, new TokenHandler(state)::create));
        app.post("/oauth/revoke", new RevokeHandler(state)::revoke);
        if (state.version().hasUserinfoEndpoint()) {
            UserinfoHandler userinfo = new UserinfoHandler(state, authenticator);
            app.get("/oauth/userinfo", userinfo::show);
            app.post("/oauth/userinfo", userinfo::show);
        }
    }

    private static void discoveryRoutes(Javalin app, SandboxState state) {
        DiscoveryHandler discovery = new DiscoveryHandler(state);
        app.get("/.well-known/oauth-authorization-server", discovery::oauthMetadata);
        app.get("/.well-known/nodeinfo", discovery::nodeInfoLinks);
        app.get("/nodeinfo/2.0", discovery::nodeInfo);
    }

    private static void operatorRoutes(Javalin app, SandboxState state, OperatorActions operator) {
        OperatorHandlers handlers = new OperatorHandlers(state, operator);
        app.before("/_sandbox/*", handlers::requireLoopback);
        app.get("/_sandbox", new HelpPage(state)::show);
        app.get("/_sandbox/accounts", handlers::accounts);
        app.post("/_sandbox/accounts/{username}/revoke-tokens", handlers::revokeTokens);
        app.post("/_sandbox/accounts/{username}/suspend", handlers::suspend);
        app.post("/_sandbox/accounts/{username}/unsuspend", handlers::unsuspend);
        app.post("/_sandbox/accounts/{username}/delete", handlers::delete);
        app.put("/_sandbox/accounts/{username}/profile", handlers::misreportProfile);
        app.delete("/_sandbox/accounts/{username}/profile", handlers::restoreProfile);
        app.post("/_sandbox/tokens/revoke", handlers::revokeToken);
        app.post("/_sandbox/refreshes/fail", handlers::failRefreshes);
        app.get("/_sandbox/refreshes", handlers::refreshes);
        app.get("/_sandbox/outage", handlers::outage);
        app.post("/_sandbox/outage", handlers::startOutage);
        app.delete("/_sandbox/outage", handlers::endOutage);
    }
}
