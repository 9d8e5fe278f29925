package io.authpipe.sandbox.mastodon.internal.apps;

import io.authpipe.sandbox.mastodon.internal.api.ApiAccess;
import io.authpipe.sandbox.mastodon.internal.api.ApiAuthenticator;
import io.authpipe.sandbox.mastodon.internal.state.Application;
import io.authpipe.sandbox.mastodon.internal.state.SandboxState;
import io.authpipe.sandbox.mastodon.internal.web.Json;
import io.authpipe.sandbox.mastodon.internal.web.Params;
import io.javalin.http.Context;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /api/v1/apps} and {@code GET /api/v1/apps/verify_credentials} ({@code MASTODON.md} §1, §4). */
public final class AppsHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AppsHandler.class);

    private final SandboxState state;
    private final ApiAuthenticator authenticator;

    /** Registers apps into {@code state}. */
    public AppsHandler(SandboxState state, ApiAuthenticator authenticator) {
        this.state = state;
        this.authenticator = authenticator;
    }

    /** Registration: 200 credential application, or 422 "Validation failed: …". */
    public void register(Context ctx) {
        AppRegistration request = AppRegistration.parse(Params.of(ctx), state.version());
        if (!request.errors().isEmpty()) {
            Json.error(ctx, 422, "Validation failed: " + String.join(", ", request.errors()));
            return;
        }
        Application app = state.apps().register(request.name(), request.website(), request.redirectUris(),
                request.scopes(), state.now());
        LOG.debug("registered app id={} name={}", app.id(), app.name());
        Json.send(ctx, 200, ApplicationJson.credentialApplication(app, state.version(), state.vapidKey()));
    }

    /** Any valid token from 4.3 on (no scope); {@code read} before. */
    public void verifyCredentials(Context ctx) {
        List<String> scopes = state.version().appCredentialsNeedNoScope() ? List.of() : List.of("read");
        ApiAccess access = authenticator.authorize(ctx, scopes, false);
        if (access instanceof ApiAccess.Denied denied) {
            denied.send(ctx);
        } else if (access instanceof ApiAccess.Granted granted) {
            Application app = state.apps().byId(granted.token().applicationId()).orElseThrow();
            Json.send(ctx, 200, ApplicationJson.application(app, state.version(), state.vapidKey()));
        }
    }
}
