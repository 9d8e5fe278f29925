package io.authpipe.sandbox.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authpipe.sandbox.mastodon.OAuthFixture.RegisteredApp;
import io.authpipe.sandbox.mastodon.SandboxOperator.IssuedToken;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link SandboxOperator#mintTokens}: tokens issued in bulk behave like tokens from a code exchange. */
class MintTokensTest {

    private static final String PATH = "/api/v1/accounts/verify_credentials";
    private static final Duration TTL = Duration.ofMinutes(10);

    private final MutableClock clock = MutableClock.atWindowStart();

    @Test
    void mintedTokensAreDistinctExpireAsThePolicySaysAndEachRefreshesOnItsOwn() {
        try (MastodonSandbox sandbox = start(TokenPolicy.expiring(TTL, true))) {
            // Given
            OAuthFixture oauth = new OAuthFixture(sandbox);
            RegisteredApp app = oauth.registerApp("read write");

            // When
            List<IssuedToken> minted = sandbox.operator().mintTokens("alice", app.clientId(), List.of("read"), 3);
            Reply refreshed = oauth.http().postForm("/oauth/token", Map.of("grant_type", "refresh_token",
                    "refresh_token", minted.get(1).refreshToken().orElseThrow(),
                    "client_id", app.clientId(), "client_secret", app.clientSecret()));

            // Then
            assertThat(minted).extracting(IssuedToken::accessToken).doesNotHaveDuplicates().hasSize(3);
            assertThat(minted).extracting(token -> token.refreshToken().orElseThrow()).doesNotHaveDuplicates();
            assertThat(minted).extracting(IssuedToken::expiresAt)
                    .containsOnly(Optional.of(clock.instant().plus(TTL)));
            assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
            assertThat(refreshed.text("scope")).isEqualTo("read");
            assertThat(oauth.http().get(PATH, minted.get(1).accessToken()).status()).isEqualTo(401);
            assertThat(oauth.http().get(PATH, minted.get(0).accessToken()).status()).isEqualTo(200);
            assertThat(oauth.http().get(PATH, minted.get(2).accessToken()).status()).isEqualTo(200);
        }
    }

    @Test
    void underTheStockPolicyMintedTokensNeverExpireAndHaveNoRefreshToken() {
        try (MastodonSandbox sandbox = start(TokenPolicy.neverExpire())) {
            // Given
            RegisteredApp app = new OAuthFixture(sandbox).registerApp("read");

            // When
            IssuedToken token = sandbox.operator().mintTokens("bob", app.clientId(), List.of("read"), 1).get(0);

            // Then
            assertThat(token.refreshToken()).isEmpty();
            assertThat(token.expiresAt()).isEmpty();
            assertThat(token.toString()).doesNotContain(token.accessToken());
            assertThat(sandbox.operator().activeTokensOf("bob")).containsExactly(token.accessToken());
        }
    }

    @Test
    void mintingRefusesWhatAnAuthorizationWouldRefuse() {
        try (MastodonSandbox sandbox = start(TokenPolicy.expiring(TTL, true))) {
            // Given
            RegisteredApp app = new OAuthFixture(sandbox).registerApp("read");
            SandboxOperator operator = sandbox.operator();
            operator.deleteAccount("bob");

            // Then
            assertThatThrownBy(() -> operator.mintTokens("alice", "no-such-client", List.of("read"), 1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> operator.mintTokens("alice", app.clientId(), List.of("write"), 1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> operator.mintTokens("alice", app.clientId(), List.of(), 1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> operator.mintTokens("bob", app.clientId(), List.of("read"), 1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> operator.mintTokens("alice", app.clientId(), List.of("read"), -1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(operator.activeTokensOf("alice")).isEmpty();
        }
    }

    private MastodonSandbox start(TokenPolicy policy) {
        return MastodonSandbox.start(OAuthFixture.relaxed().withTokenPolicy(policy).withClock(clock));
    }
}
