package io.authpipe.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.core.secret.Secret;
import io.authpipe.mastodon.SandboxFixture.Authorization;
import io.authpipe.sandbox.mastodon.MastodonVersion;
import io.authpipe.sandbox.mastodon.SandboxBrowser;
import io.authpipe.sandbox.mastodon.SandboxUser;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The authorization-code exchange at {@code /oauth/token}, PKCE and its version quirks (MASTODON.md §2, §3). */
class MastodonClientCodeExchangeTest {

    private SandboxFixture mastodon;

    @AfterEach
    void stopSandbox() {
        mastodon.close();
    }

    private TokenOutcome exchange(ServerInfo server, ClientCredentials app, String code, Optional<Secret> verifier) {
        return mastodon.client().exchangeCode(server, app, code, SandboxFixture.CALLBACK, verifier);
    }

    @Test
    void aPkceAuthorizationIsExchangedForABearerToken() {
        // Given
        mastodon = SandboxFixture.start(SandboxFixture.relaxed(MastodonVersion.V4_7));
        ServerInfo server = mastodon.discover();
        ClientCredentials app = mastodon.registerApp();
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Authorization authorization = mastodon.authorize(SandboxFixture.browser(), server, app, SandboxUser.ALICE,
                true);

        // When
        TokenOutcome outcome = exchange(server, app, authorization.code(), authorization.verifier());

        // Then
        assertThat(outcome).isInstanceOfSatisfying(TokenOutcome.Issued.class, issued -> {
            TokenGrant grant = issued.grant();
            assertThat(grant.accessToken().reveal()).matches("[A-Za-z0-9_-]{43}");
            assertThat(grant.tokenType()).isEqualTo("Bearer");
            assertThat(grant.scopes()).containsExactly("read", "write");
            assertThat(grant.createdAt()).isBetween(before, Instant.now());
            assertThat(grant.expiresAt()).isEmpty();
            assertThat(grant.refreshToken()).isEmpty();
        });
        assertThat(mastodon.sandbox().operator().activeTokensOf("alice")).hasSize(1);
    }

    @Test
    void aServerBefore43ExchangesACodeWithoutAVerifier() {
        // Given
        mastodon = SandboxFixture.start(SandboxFixture.relaxed(MastodonVersion.V4_2));
        ServerInfo server = mastodon.discover();
        ClientCredentials app = mastodon.registerApp();
        Authorization authorization = mastodon.authorize(SandboxFixture.browser(), server, app, SandboxUser.ALICE,
                server.supportsPkceS256());

        // When
        TokenOutcome outcome = exchange(server, app, authorization.code(), authorization.verifier());

        // Then
        assertThat(authorization.verifier()).isEmpty();
        assertThat(outcome).isInstanceOfSatisfying(TokenOutcome.Issued.class,
                issued -> assertThat(issued.grant().scopes()).containsExactly("read", "write"));
    }

    @Test
    void aVerifierForAnAuthorizationWithoutChallengeIsAnInvalidGrant() {
        // Given
        mastodon = SandboxFixture.start(SandboxFixture.relaxed(MastodonVersion.V4_7));
        ServerInfo server = mastodon.discover();
        ClientCredentials app = mastodon.registerApp();
        Authorization authorization = mastodon.authorize(SandboxFixture.browser(), server, app, SandboxUser.ALICE,
                false);

        // When
        TokenOutcome outcome = exchange(server, app, authorization.code(), Optional.of(Secret.of("x".repeat(64))));

        // Then
        assertThat(outcome).isInstanceOfSatisfying(TokenOutcome.Refused.class, refused -> {
            assertThat(refused.error().status()).isEqualTo(400);
            assertThat(refused.error().is("invalid_grant")).isTrue();
            assertThat(refused.error().description()).contains("authorization grant is invalid");
        });
    }

    @Test
    void aReplayedCodeIsAnInvalidGrant() {
        // Given
        mastodon = SandboxFixture.start(SandboxFixture.relaxed());
        ServerInfo server = mastodon.discover();
        ClientCredentials app = mastodon.registerApp();
        Authorization authorization = mastodon.authorize(SandboxFixture.browser(), server, app, SandboxUser.ALICE,
                true);
        TokenOutcome first = exchange(server, app, authorization.code(), authorization.verifier());

        // When
        TokenOutcome replay = exchange(server, app, authorization.code(), authorization.verifier());

        // Then
        assertThat(first).isInstanceOf(TokenOutcome.Issued.class);
        assertThat(replay).isInstanceOfSatisfying(TokenOutcome.Refused.class,
                refused -> assertThat(refused.error().is("invalid_grant")).isTrue());
    }

    @Test
    void aSecondAuthorizationOfTheSameUserAppAndScopesReturnsTheSameToken() {
        // Given: one browser profile, so the second visit rides Mastodon's auto-approval
        mastodon = SandboxFixture.start(SandboxFixture.relaxed());
        ServerInfo server = mastodon.discover();
        ClientCredentials app = mastodon.registerApp();
        SandboxBrowser browser = SandboxFixture.browser();
        Authorization firstAuthorization = mastodon.authorize(browser, server, app, SandboxUser.ALICE, true);
        TokenGrant first = issued(exchange(server, app, firstAuthorization.code(), firstAuthorization.verifier()));
        Authorization secondAuthorization = mastodon.authorize(browser, server, app, SandboxUser.ALICE, true);

        // When
        TokenGrant second = issued(exchange(server, app, secondAuthorization.code(), secondAuthorization.verifier()));

        // Then: reuse_access_token
        assertThat(secondAuthorization.code()).isNotEqualTo(firstAuthorization.code());
        assertThat(second.accessToken()).isEqualTo(first.accessToken());
        assertThat(second.createdAt()).isEqualTo(first.createdAt());
        assertThat(mastodon.sandbox().operator().activeTokensOf("alice")).hasSize(1);
    }

    @Test
    void noOutcomePrintsATokenAVerifierOrTheClientSecret() {
        // Given
        mastodon = SandboxFixture.start(SandboxFixture.relaxed());
        ServerInfo server = mastodon.discover();
        ClientCredentials app = mastodon.registerApp();
        Authorization authorization = mastodon.authorize(SandboxFixture.browser(), server, app, SandboxUser.ALICE,
                true);

        // When
        TokenOutcome issued = exchange(server, app, authorization.code(), authorization.verifier());
        TokenOutcome refused = exchange(server, app, authorization.code(), authorization.verifier());
        List<String> printed = List.of(issued.toString(), refused.toString(), app.toString(), server.toString(),
                authorization.toString(), "%s %s".formatted(issued, app));

        // Then
        List<String> secrets = List.of(issued(issued).accessToken().reveal(), app.clientSecret().reveal(),
                authorization.verifier().orElseThrow().reveal());
        assertThat(printed).allSatisfy(text -> assertThat(text).doesNotContain(secrets));
        assertThat(issued.toString()).contains("[redacted]");
    }

    private static TokenGrant issued(TokenOutcome outcome) {
        assertThat(outcome).isInstanceOf(TokenOutcome.Issued.class);
        return ((TokenOutcome.Issued) outcome).grant();
    }
}
