package io.authpipe.sandbox.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Steps of the OAuth dance that most tests need, driven over real HTTP. */
final class OAuthFixture {

    static final String CALLBACK = "https://client.example/callback";

    private final MastodonSandbox sandbox;
    private final SandboxHttp http;

    OAuthFixture(MastodonSandbox sandbox) {
        this.sandbox = sandbox;
        this.http = new SandboxHttp(sandbox.baseUrl());
    }

    /** Limits high enough that shared sandboxes never throttle. */
    static SandboxConfig relaxed() {
        return SandboxConfig.defaults().withRateLimits(new RateLimits(100_000, Duration.ofMinutes(10), 100_000,
                100_000, 100_000, Duration.ofMinutes(5)));
    }

    SandboxHttp http() {
        return http;
    }

    RegisteredApp registerApp(String scopes) {
        return registerApp(scopes, CALLBACK);
    }

    RegisteredApp registerApp(String scopes, String redirectUris) {
        Reply reply = http.postForm("/api/v1/apps",
                Map.of("client_name", "Authpipe test", "redirect_uris", redirectUris, "scopes", scopes));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return new RegisteredApp(reply.text("client_id"), reply.text("client_secret"), redirectUris);
    }

    String authorizeUrl(RegisteredApp app, String scope) {
        return authorizeUrl(app, Map.of("scope", scope));
    }

    String authorizeUrl(RegisteredApp app, Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("client_id", app.clientId());
        all.put("redirect_uri", app.redirectUri());
        all.put("response_type", "code");
        all.putAll(params);
        StringBuilder url = new StringBuilder(sandbox.baseUrl()).append("/oauth/authorize?");
        all.forEach((key, value) -> url.append(encode(key)).append('=').append(encode(value)).append('&'));
        return url.substring(0, url.length() - 1);
    }

    Reply exchange(RegisteredApp app, String code, Map<String, String> extra) {
        Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", app.redirectUri(), "client_id", app.clientId(), "client_secret", app.clientSecret()));
        form.putAll(extra);
        return http.postForm("/oauth/token", form);
    }

    /** Signs in as {@code user}, approves and exchanges the code: a user token. */
    String userToken(RegisteredApp app, SandboxUser user, String scope) {
        URI callback = new SandboxBrowser(SandboxHttp.client()).approve(authorizeUrl(app, scope), user.username(),
                user.password());
        Reply reply = exchange(app, queryParam(callback, "code"), Map.of());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.text("access_token");
    }

    String appToken(RegisteredApp app, String scope) {
        Reply reply = http.postForm("/oauth/token", Map.of("grant_type", "client_credentials", "scope", scope,
                "client_id", app.clientId(), "client_secret", app.clientSecret()));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.text("access_token");
    }

    static String queryParam(URI uri, String name) {
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts[0].equals(name)) {
                return parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
            }
        }
        return null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A registered app's credentials. */
    record RegisteredApp(String clientId, String clientSecret, String redirectUri) {
    }
}
