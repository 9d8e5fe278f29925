package io.authpipe.sandbox.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.sandbox.mastodon.OAuthFixture.RegisteredApp;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A sandbox issuing expiring tokens with rotating refresh tokens, an app, and alice's first tokens, driven over real
 * HTTP: what the refresh-fault tests start from.
 */
final class RefreshFixture implements AutoCloseable {

    private static final String VERIFY_PATH = "/api/v1/accounts/verify_credentials";

    private final MastodonSandbox sandbox;
    private final OAuthFixture oauth;
    private final RegisteredApp app;
    private final Reply firstTokens;

    private RefreshFixture(MastodonSandbox sandbox) {
        this.sandbox = sandbox;
        this.oauth = new OAuthFixture(sandbox);
        this.app = oauth.registerApp("read");
        String code = OAuthFixture.queryParam(new SandboxBrowser(SandboxHttp.client())
                .approve(oauth.authorizeUrl(app, "read"), "alice", "alice-password"), "code");
        this.firstTokens = oauth.exchange(app, code, Map.of());
        assertThat(firstTokens.status()).as(firstTokens.body()).isEqualTo(200);
    }

    static RefreshFixture start(Clock clock) {
        return new RefreshFixture(MastodonSandbox.start(OAuthFixture.relaxed()
                .withTokenPolicy(TokenPolicy.expiring(Duration.ofMinutes(10), true)).withClock(clock)));
    }

    MastodonSandbox sandbox() {
        return sandbox;
    }

    SandboxOperator operator() {
        return sandbox.operator();
    }

    SandboxHttp http() {
        return oauth.http();
    }

    RegisteredApp app() {
        return app;
    }

    String accessToken() {
        return firstTokens.text("access_token");
    }

    String refreshToken() {
        return firstTokens.text("refresh_token");
    }

    /** The form of a refresh with {@code refreshToken}. */
    Map<String, String> refreshForm(String refreshToken) {
        return Map.of("grant_type", "refresh_token", "refresh_token", refreshToken,
                "client_id", app.clientId(), "client_secret", app.clientSecret());
    }

    /** {@code POST /oauth/token} with {@code grant_type=refresh_token}. */
    Reply refresh(String refreshToken) {
        return oauth.http().postForm("/oauth/token", refreshForm(refreshToken));
    }

    /** A refresh with alice's first refresh token. */
    Reply refresh() {
        return refresh(refreshToken());
    }

    /** The status of {@code verify_credentials} with {@code accessToken}. */
    int verify(String accessToken) {
        return oauth.http().get(VERIFY_PATH, accessToken).status();
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
