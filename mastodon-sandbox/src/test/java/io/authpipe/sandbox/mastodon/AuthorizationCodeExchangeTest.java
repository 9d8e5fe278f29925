package io.authpipe.sandbox.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.sandbox.mastodon.OAuthFixture.RegisteredApp;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code grant_type=authorization_code}: single use, expiry, reuse, error order (MASTODON.md §2, §3). */
class AuthorizationCodeExchangeTest {

    private static final String INVALID_GRANT = "The provided authorization grant is invalid, expired, revoked, "
            + "does not match the redirection URI used in the authorization request, or was issued to another client.";

    private final MutableClock clock = MutableClock.atWindowStart();
    private MastodonSandbox sandbox;
    private OAuthFixture oauth;
    private RegisteredApp app;

    @BeforeEach
    void start() {
        sandbox = MastodonSandbox.start(OAuthFixture.relaxed().withClock(clock));
        oauth = new OAuthFixture(sandbox);
        app = oauth.registerApp("read write");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aCodeIsExchangedForANeverExpiringBearerToken() {
        // Given
        String code = code("read write");

        // When
        Reply reply = oauth.exchange(app, code, Map.of("scope", "admin:read"));

        // Then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().fieldNames()).toIterable()
                .containsExactly("access_token", "token_type", "scope", "created_at");
        assertThat(reply.text("token_type")).isEqualTo("Bearer");
        assertThat(reply.text("scope")).isEqualTo("read write");
        assertThat(reply.json().get("created_at").asLong()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store, no-cache");
        assertThat(reply.header("Pragma")).isEqualTo("no-cache");
    }

    @Test
    void aCodeCanBeUsedOnlyOnce() {
        // Given
        String code = code("read");
        oauth.exchange(app, code, Map.of());

        // When
        Reply replay = oauth.exchange(app, code, Map.of());

        // Then
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.text("error")).isEqualTo("invalid_grant");
        assertThat(replay.text("error_description")).isEqualTo(INVALID_GRANT);
        assertThat(replay.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"Doorkeeper\", "
                + "error=\"invalid_grant\", error_description=\"" + INVALID_GRANT + "\"");
    }

    @Test
    void aCodeExpiresAfterTenMinutes() {
        // Given
        String stillValid = code("read");
        String expired = code("write");
        clock.advance(Duration.ofMinutes(10));
        Reply atTenMinutes = oauth.exchange(app, stillValid, Map.of());

        // When
        clock.advance(Duration.ofSeconds(1));
        Reply afterTenMinutes = oauth.exchange(app, expired, Map.of());

        // Then
        assertThat(atTenMinutes.status()).isEqualTo(200);
        assertThat(afterTenMinutes.status()).isEqualTo(400);
        assertThat(afterTenMinutes.text("error")).isEqualTo("invalid_grant");
    }

    @Test
    void aSecondCodeForTheSameScopesReturnsTheSameTokenWithItsOriginalCreationTime() {
        // Given
        Reply first = oauth.exchange(app, code("read write"), Map.of());
        clock.advance(Duration.ofDays(3));

        // When
        Reply second = oauth.exchange(app, code("write read"), Map.of());

        // Then
        assertThat(second.text("access_token")).isEqualTo(first.text("access_token"));
        assertThat(second.json().get("created_at").asLong()).isEqualTo(first.json().get("created_at").asLong());
        assertThat(second.text("scope")).isEqualTo("read write");
    }

    @Test
    void aDifferentScopeSetGetsAnotherToken() {
        // When
        Reply read = oauth.exchange(app, code("read"), Map.of());
        Reply readWrite = oauth.exchange(app, code("read write"), Map.of());

        // Then
        assertThat(readWrite.text("access_token")).isNotEqualTo(read.text("access_token"));
    }

    @Test
    void aMissingRedirectUriIsReportedBeforeABadClientSecret() {
        // When
        Reply reply = oauth.http().postForm("/oauth/token", Map.of("grant_type", "authorization_code",
                "code", code("read"), "client_id", app.clientId(), "client_secret", "wrong"));

        // Then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text("error_description")).isEqualTo("Missing required parameter: redirect_uri.");
    }

    @Test
    void aRedirectUriOtherThanTheAuthorizedOneIsAnInvalidGrant() {
        // When
        Reply reply = oauth.exchange(app, code("read"), Map.of("redirect_uri", "https://client.example/other"));

        // Then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text("error")).isEqualTo("invalid_grant");
    }

    @Test
    void replayingACodeRevokesItsTokensWhenThePolicySaysSo() {
        TokenPolicy strict = TokenPolicy.neverExpire().withRevokeTokensOnCodeReplay(true);
        try (MastodonSandbox own = MastodonSandbox.start(OAuthFixture.relaxed().withTokenPolicy(strict))) {
            // Given
            OAuthFixture fixture = new OAuthFixture(own);
            RegisteredApp ownApp = fixture.registerApp("read");
            String code = OAuthFixture.queryParam(new SandboxBrowser().approve(fixture.authorizeUrl(ownApp, "read"),
                    "alice", "alice-password"), "code");
            String token = fixture.exchange(ownApp, code, Map.of()).text("access_token");

            // When
            Reply replay = fixture.exchange(ownApp, code, Map.of());

            // Then
            assertThat(replay.text("error")).isEqualTo("invalid_grant");
            assertThat(fixture.http().get("/api/v1/accounts/verify_credentials", token).status()).isEqualTo(401);
        }
    }

    private String code(String scope) {
        return OAuthFixture.queryParam(new SandboxBrowser().approve(oauth.authorizeUrl(app, scope), "alice",
                "alice-password"), "code");
    }
}
