package io.authpipe.sandbox.mastodon.internal.api;

import io.authpipe.sandbox.mastodon.MastodonVersion;
import io.authpipe.sandbox.mastodon.internal.state.SandboxState;
import io.authpipe.sandbox.mastodon.internal.web.Json;
import io.authpipe.sandbox.mastodon.internal.web.JsonObject;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /api/v2/instance} and the deprecated {@code GET /api/v1/instance} ({@code MASTODON.md} §6). Both
 * report LOCAL_DOMAIN ({@code domain} / {@code uri}), not the web address the API is served from.
 */
public final class InstanceHandler {

    private static final String TITLE = "Authpipe Mastodon sandbox";
    private static final String DESCRIPTION = "A local Mastodon 4.x double for Authpipe.";

    private final SandboxState state;

    /** Describes the instance of {@code state}. */
    public InstanceHandler(SandboxState state) {
        this.state = state;
    }

    /** {@code /api/v2/instance}. */
    public void v2(Context ctx) {
        MastodonVersion version = state.version();
        JsonObject body = JsonObject.create()
                .with("domain", state.config().localDomain())
                .with("title", TITLE)
                .with("version", version.versionString())
                .with("source_url", "https://github.com/mastodon/mastodon")
                .with("description", DESCRIPTION)
                .with("usage", JsonObject.create().with("users", JsonObject.create().with("active_month", 0)))
                .with("languages", List.of("en"))
                .with("configuration", configuration())
                .with("registrations", JsonObject.create().with("enabled", false)
                        .with("approval_required", false).with("message", null))
                .withIf(version.apiVersion().isPresent(), "api_versions",
                        JsonObject.create().with("mastodon", version.apiVersion().orElse(0)))
                .with("contact", JsonObject.create().with("email", "admin@" + state.config().localDomain())
                        .with("account", null))
                .with("rules", List.of());
        Json.send(ctx, 200, body.toMap());
    }

    /** {@code /api/v1/instance}: {@code uri} is LOCAL_DOMAIN. */
    public void v1(Context ctx) {
        JsonObject body = JsonObject.create()
                .with("uri", state.config().localDomain())
                .with("title", TITLE)
                .with("short_description", DESCRIPTION)
                .with("description", DESCRIPTION)
                .with("email", "admin@" + state.config().localDomain())
                .with("version", state.version().versionString())
                .with("urls", JsonObject.create().with("streaming_api", streamingUrl()))
                .with("languages", List.of("en"))
                .with("registrations", false).with("approval_required", false).with("invites_enabled", false);
        Json.send(ctx, 200, body.toMap());
    }

    private JsonObject configuration() {
        return JsonObject.create()
                .with("urls", JsonObject.create().with("streaming", streamingUrl()))
                .with("vapid", JsonObject.create().with("public_key", state.vapidKey()))
                .with("accounts", JsonObject.create().with("max_featured_tags", 10))
                .with("statuses", JsonObject.create().with("max_characters", 500)
                        .with("max_media_attachments", 4))
                .with("translation", JsonObject.create().with("enabled", false));
    }

    private String streamingUrl() {
        return state.baseUrl().replaceFirst("^http", "ws");
    }
}
