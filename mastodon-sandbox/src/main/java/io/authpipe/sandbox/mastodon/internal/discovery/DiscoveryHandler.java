package io.authpipe.sandbox.mastodon.internal.discovery;

import io.authpipe.sandbox.mastodon.MastodonVersion;
import io.authpipe.sandbox.mastodon.internal.state.SandboxState;
import io.authpipe.sandbox.mastodon.internal.state.ServerScopes;
import io.authpipe.sandbox.mastodon.internal.web.Json;
import io.authpipe.sandbox.mastodon.internal.web.JsonObject;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Discovery documents ({@code MASTODON.md} §6): RFC 8414 metadata (4.3+; 404 before), nodeinfo links and nodeinfo
 * 2.0. Every URL uses the web address; {@code issuer} ends with a slash.
 */
public final class DiscoveryHandler {

    private static final String NODEINFO_SCHEMA = "http://nodeinfo.diaspora.software/ns/schema/2.0";

    private final SandboxState state;

    /** Describes {@code state}. */
    public DiscoveryHandler(SandboxState state) {
        this.state = state;
    }

    /** {@code GET /.well-known/oauth-authorization-server}. */
    public void oauthMetadata(Context ctx) {
        MastodonVersion version = state.version();
        if (!version.hasAuthorizationServerMetadata()) {
            throw new NotFoundResponse();
        }
        String base = state.baseUrl();
        Json.send(ctx, 200, JsonObject.create()
                .with("issuer", base + "/")
                .with("authorization_endpoint", base + "/oauth/authorize")
                .with("token_endpoint", base + "/oauth/token")
                .with("revocation_endpoint", base + "/oauth/revoke")
                .withIf(version.hasUserinfoEndpoint(), "userinfo_endpoint", base + "/oauth/userinfo")
                .with("scopes_supported", ServerScopes.of(version))
                .with("response_types_supported", List.of("code"))
                .with("response_modes_supported", List.of("query", "fragment", "form_post"))
                .with("grant_types_supported", grantTypes(version))
                .with("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"))
                .with("code_challenge_methods_supported", List.of("S256"))
                .with("service_documentation", "https://docs.joinmastodon.org/")
                .with("app_registration_endpoint", base + "/api/v1/apps")
                .toMap());
    }

    /** {@code GET /.well-known/nodeinfo}. */
    public void nodeInfoLinks(Context ctx) {
        Json.send(ctx, 200, JsonObject.create().with("links", List.of(JsonObject.create()
                .with("rel", NODEINFO_SCHEMA).with("href", state.baseUrl() + "/nodeinfo/2.0").toMap())).toMap());
    }

    /** {@code GET /nodeinfo/2.0}: {@code software.name} is {@code mastodon}. */
    public void nodeInfo(Context ctx) {
        int users = state.accounts().all().size();
        Json.send(ctx, 200, JsonObject.create()
                .with("version", "2.0")
                .with("software", JsonObject.create().with("name", "mastodon")
                        .with("version", state.version().versionString()))
                .with("protocols", List.of("activitypub"))
                .with("services", JsonObject.create().with("outbound", List.of()).with("inbound", List.of()))
                .with("usage", JsonObject.create().with("users", JsonObject.create().with("total", users)
                        .with("activeMonth", 0).with("activeHalfyear", 0)).with("localPosts", 0))
                .with("openRegistrations", false)
                .with("metadata", JsonObject.create().with("nodeName", "Authpipe Mastodon sandbox")
                        .with("nodeDescription", ""))
                .toMap());
        ctx.contentType("application/json; profile=\"" + NODEINFO_SCHEMA + "#\"");
    }

    /** 4.3 still lists {@code password}; refresh is listed only when the policy issues refresh tokens. */
    private List<String> grantTypes(MastodonVersion version) {
        List<String> types = new ArrayList<>(List.of("authorization_code"));
        if (version.supportsPasswordGrant()) {
            types.add("password");
        }
        types.add("client_credentials");
        if (state.config().tokenPolicy().issueRefreshTokens()) {
            types.add("refresh_token");
        }
        return types;
    }
}
