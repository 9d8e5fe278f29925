package io.authpipe.sandbox.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.sandbox.mastodon.OAuthFixture.RegisteredApp;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pleroma/Akkoma-like expiring tokens with refresh, with and without rotation (MASTODON.md §9, DESIGN.md). */
class ExpiringTokenPolicyTest {

    private static final String PATH = "/api/v1/accounts/verify_credentials";

    private final MutableClock clock = MutableClock.atWindowStart();

    @Test
    void anExpiringTokenCarriesExpiresInAndARefreshTokenAndExpiresOnTime() {
        try (MastodonSandbox sandbox = start(TokenPolicy.expiring(Duration.ofMinutes(10), true))) {
            // Given
            OAuthFixture oauth = new OAuthFixture(sandbox);
            RegisteredApp app = oauth.registerApp("read");

            // When
            Reply token = oauth.exchange(app, code(oauth, app), Map.of());
            clock.advance(Duration.ofMinutes(10).plusSeconds(1));
            Reply expired = oauth.http().get(PATH, token.text("access_token"));

            // Then
            assertThat(token.json().fieldNames()).toIterable().containsExactly("access_token", "token_type",
                    "expires_in", "refresh_token", "scope", "created_at");
            assertThat(token.json().get("expires_in").asLong()).isEqualTo(600);
            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.text("error")).isEqualTo("The access token expired");
        }
    }

    @Test
    void refreshingWithRotationIssuesNewTokensAndRevokesTheOldAccessToken() {
        try (MastodonSandbox sandbox = start(TokenPolicy.expiring(Duration.ofMinutes(10), true))) {
            // Given
            OAuthFixture oauth = new OAuthFixture(sandbox);
            RegisteredApp app = oauth.registerApp("read");
            Reply first = oauth.exchange(app, code(oauth, app), Map.of());

            // When
            Reply second = refresh(oauth, app, first.text("refresh_token"));

            // Then
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.text("access_token")).isNotEqualTo(first.text("access_token"));
            assertThat(second.text("refresh_token")).isNotEqualTo(first.text("refresh_token"));
            assertThat(oauth.http().get(PATH, first.text("access_token")).status()).isEqualTo(401);
            assertThat(oauth.http().get(PATH, second.text("access_token")).status()).isEqualTo(200);
        }
    }

    @Test
    void replayingARotatedRefreshTokenRevokesTheWholeFamily() {
        try (MastodonSandbox sandbox = start(TokenPolicy.expiring(Duration.ofMinutes(10), true))) {
            // Given
            OAuthFixture oauth = new OAuthFixture(sandbox);
            RegisteredApp app = oauth.registerApp("read");
            Reply first = oauth.exchange(app, code(oauth, app), Map.of());
            Reply second = refresh(oauth, app, first.text("refresh_token"));

            // When
            Reply replay = refresh(oauth, app, first.text("refresh_token"));

            // Then
            assertThat(replay.status()).isEqualTo(400);
            assertThat(replay.text("error")).isEqualTo("invalid_grant");
            assertThat(oauth.http().get(PATH, second.text("access_token")).text("error"))
                    .isEqualTo("The access token was revoked");
            assertThat(refresh(oauth, app, second.text("refresh_token")).text("error")).isEqualTo("invalid_grant");
        }
    }

    @Test
    void withoutRotationTheSameRefreshTokenIsCarriedOverAndWorksAgain() {
        try (MastodonSandbox sandbox = start(TokenPolicy.expiring(Duration.ofMinutes(10), false))) {
            // Given
            OAuthFixture oauth = new OAuthFixture(sandbox);
            RegisteredApp app = oauth.registerApp("read");
            Reply first = oauth.exchange(app, code(oauth, app), Map.of());
            Reply second = refresh(oauth, app, first.text("refresh_token"));

            // When
            Reply third = refresh(oauth, app, first.text("refresh_token"));

            // Then
            assertThat(second.text("refresh_token")).isEqualTo(first.text("refresh_token"));
            assertThat(third.status()).isEqualTo(200);
            assertThat(third.text("access_token")).isNotEqualTo(second.text("access_token"));
        }
    }

    @Test
    void anOperatorExpiredTokenIsRefreshable() {
        try (MastodonSandbox sandbox = start(TokenPolicy.expiring(Duration.ofHours(1), true))) {
            // Given
            OAuthFixture oauth = new OAuthFixture(sandbox);
            RegisteredApp app = oauth.registerApp("read");
            Reply first = oauth.exchange(app, code(oauth, app), Map.of());

            // When
            sandbox.operator().expireAccessToken(first.text("access_token"));

            // Then
            assertThat(oauth.http().get(PATH, first.text("access_token")).text("error"))
                    .isEqualTo("The access token expired");
            assertThat(sandbox.operator().activeTokensOf("alice")).isEmpty();
            assertThat(refresh(oauth, app, first.text("refresh_token")).status()).isEqualTo(200);
        }
    }

    @Test
    void aRefreshTokenOfAnotherAppIsAnInvalidGrant() {
        try (MastodonSandbox sandbox = start(TokenPolicy.expiring(Duration.ofMinutes(10), true))) {
            // Given
            OAuthFixture oauth = new OAuthFixture(sandbox);
            RegisteredApp app = oauth.registerApp("read");
            RegisteredApp other = oauth.registerApp("read");
            Reply first = oauth.exchange(app, code(oauth, app), Map.of());

            // When
            Reply reply = refresh(oauth, other, first.text("refresh_token"));

            // Then
            assertThat(reply.text("error")).isEqualTo("invalid_grant");
            assertThat(oauth.http().get(PATH, first.text("access_token")).status()).isEqualTo(200);
        }
    }

    private MastodonSandbox start(TokenPolicy policy) {
        return MastodonSandbox.start(OAuthFixture.relaxed().withTokenPolicy(policy).withClock(clock));
    }

    private static String code(OAuthFixture oauth, RegisteredApp app) {
        return OAuthFixture.queryParam(new SandboxBrowser().approve(oauth.authorizeUrl(app, "read"), "alice",
                "alice-password"), "code");
    }

    private static Reply refresh(OAuthFixture oauth, RegisteredApp app, String refreshToken) {
        return oauth.http().postForm("/oauth/token", Map.of("grant_type", "refresh_token",
                "refresh_token", refreshToken, "client_id", app.clientId(), "client_secret", app.clientSecret()));
    }
}
