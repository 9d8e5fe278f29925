package io.authpipe.sandbox.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.sandbox.mastodon.OAuthFixture.RegisteredApp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PKCE at authorize and token (MASTODON.md §2 row 8, §3 "PKCE at the token endpoint"). */
class PkceTest {

    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private static MastodonSandbox sandbox;
    private static OAuthFixture oauth;
    private static RegisteredApp app;

    @BeforeAll
    static void start() {
        sandbox = MastodonSandbox.start(OAuthFixture.relaxed());
        oauth = new OAuthFixture(sandbox);
        app = oauth.registerApp("read");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void theRightS256VerifierRedeemsTheCode() {
        // Given
        String code = codeWithChallenge(oauth, app, s256(VERIFIER));

        // When
        Reply reply = oauth.exchange(app, code, Map.of("code_verifier", VERIFIER));

        // Then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("access_token")).hasSize(43);
    }

    @Test
    void aMissingVerifierIsAnInvalidRequest() {
        // Given
        String code = codeWithChallenge(oauth, app, s256(VERIFIER));

        // When
        Reply reply = oauth.exchange(app, code, Map.of());

        // Then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text("error")).isEqualTo("invalid_request");
        assertThat(reply.text("error_description")).isEqualTo("Missing required parameter: code_verifier.");
    }

    @Test
    void aWrongVerifierIsAnInvalidGrant() {
        // Given
        String code = codeWithChallenge(oauth, app, s256(VERIFIER));

        // When
        Reply reply = oauth.exchange(app, code, Map.of("code_verifier", VERIFIER + "x"));

        // Then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text("error")).isEqualTo("invalid_grant");
    }

    @Test
    void aVerifierForACodeIssuedWithoutChallengeIsAnInvalidGrant() {
        // Given
        String code = code(oauth, oauth.authorizeUrl(app, "read"));

        // When
        Reply reply = oauth.exchange(app, code, Map.of("code_verifier", VERIFIER));

        // Then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text("error")).isEqualTo("invalid_grant");
    }

    @Test
    void mastodon42IgnoresPkceParametersEntirely() {
        try (MastodonSandbox v42 = MastodonSandbox.start(OAuthFixture.relaxed().withVersion(MastodonVersion.V4_2))) {
            // Given
            OAuthFixture old = new OAuthFixture(v42);
            RegisteredApp oldApp = old.registerApp("read");
            String code = code(old, old.authorizeUrl(oldApp, Map.of("scope", "read", "code_challenge", "whatever",
                    "code_challenge_method", "plain")));

            // When
            Reply reply = old.exchange(oldApp, code, Map.of("code_verifier", "not-the-verifier"));

            // Then
            assertThat(reply.status()).isEqualTo(200);
        }
    }

    private static String codeWithChallenge(OAuthFixture fixture, RegisteredApp target, String challenge) {
        return code(fixture, fixture.authorizeUrl(target, Map.of("scope", "read", "code_challenge", challenge,
                "code_challenge_method", "S256")));
    }

    private static String code(OAuthFixture fixture, String url) {
        URI callback = new SandboxBrowser().approve(url, "alice", "alice-password");
        return OAuthFixture.queryParam(callback, "code");
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
