package io.authpipe.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.core.secret.Secret;
import io.authpipe.mastodon.SandboxFixture.Connected;
import io.authpipe.sandbox.mastodon.SandboxUser;
import io.authpipe.sandbox.mastodon.TokenPolicy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /oauth/revoke}, and the refresh grant only Pleroma-like servers support (MASTODON.md §3, §4, §9). */
class MastodonClientRevokeAndRefreshTest {

    private static final Duration TTL = Duration.ofMinutes(10);

    private SandboxFixture mastodon;

    @AfterEach
    void stopSandbox() {
        mastodon.close();
    }

    private VerifyOutcome verify(Secret token) {
        return mastodon.client().verifyCredentials(mastodon.instance(), token, "sandbox.authpipe.test");
    }

    @Test
    void aRevokedTokenNoLongerVerifies() {
        // Given
        mastodon = SandboxFixture.start(SandboxFixture.relaxed());
        Connected alice = mastodon.connect(SandboxUser.ALICE);

        // When
        RevokeOutcome outcome = mastodon.client().revoke(alice.server(), alice.app(), alice.token());

        // Then
        assertThat(outcome).isEqualTo(RevokeOutcome.REVOKED);
        assertThat(verify(alice.token())).isEqualTo(new VerifyOutcome.InvalidToken());
        assertThat(mastodon.client().revoke(alice.server(), alice.app(), alice.token()))
                .as("revoking twice is idempotent").isEqualTo(RevokeOutcome.REVOKED);
    }

    @Test
    void aWrongClientSecretIsRefusedAndTheTokenKeepsWorking() {
        // Given
        mastodon = SandboxFixture.start(SandboxFixture.relaxed());
        Connected alice = mastodon.connect(SandboxUser.ALICE);
        ClientCredentials wrong = new ClientCredentials(alice.app().clientId(), Secret.of("wrong-secret"));

        // When
        RevokeOutcome outcome = mastodon.client().revoke(alice.server(), wrong, alice.token());

        // Then
        assertThat(outcome).isEqualTo(RevokeOutcome.REFUSED);
        assertThat(verify(alice.token())).isInstanceOf(VerifyOutcome.Verified.class);
    }

    @Test
    void anotherAppCannotRevokeTheToken() {
        // Given
        mastodon = SandboxFixture.start(SandboxFixture.relaxed());
        Connected alice = mastodon.connect(SandboxUser.ALICE);
        ClientCredentials otherApp = mastodon.registerApp();

        // When / Then
        assertThat(mastodon.client().revoke(alice.server(), otherApp, alice.token())).isEqualTo(RevokeOutcome.REFUSED);
    }

    @Test
    void anExpiringTokenIsRefreshedIntoANewTokenAndRefreshToken() {
        // Given: a Pleroma-like server with rotating refresh tokens
        mastodon = SandboxFixture.start(SandboxFixture.relaxed().withTokenPolicy(TokenPolicy.expiring(TTL, true)));
        Connected alice = mastodon.connect(SandboxUser.ALICE);
        Secret refreshToken = alice.grant().refreshToken().orElseThrow();
        Instant before = Instant.now();

        // When
        TokenOutcome outcome = mastodon.client().refresh(alice.server(), alice.app(), refreshToken);

        // Then
        Instant after = Instant.now();
        assertThat(alice.grant().expiresAt()).isPresent();
        assertThat(outcome).isInstanceOfSatisfying(TokenOutcome.Issued.class, issued -> {
            TokenGrant grant = issued.grant();
            assertThat(grant.accessToken()).isNotEqualTo(alice.token());
            assertThat(grant.refreshToken()).isPresent().get().isNotEqualTo(refreshToken);
            assertThat(grant.expiresAt()).hasValueSatisfying(expiresAt -> assertThat(expiresAt)
                    .isBetween(before.plus(TTL).minusSeconds(1), after.plus(TTL).plusSeconds(1))
                    .isAfterOrEqualTo(alice.grant().expiresAt().orElseThrow()));
            assertThat(grant.scopes()).containsExactly("read", "write");
            assertThat(verify(grant.accessToken())).isInstanceOf(VerifyOutcome.Verified.class);
            assertThat(issued.toString()).doesNotContain(grant.accessToken().reveal(),
                    grant.refreshToken().orElseThrow().reveal());
        });
        assertThat(verify(alice.token())).isEqualTo(new VerifyOutcome.InvalidToken());
    }

    @Test
    void stockMastodonDoesNotSupportTheRefreshGrant() {
        // Given
        mastodon = SandboxFixture.start(SandboxFixture.relaxed());
        Connected alice = mastodon.connect(SandboxUser.ALICE);

        // When
        TokenOutcome outcome = mastodon.client().refresh(alice.server(), alice.app(), Secret.of("no-such-refresh"));

        // Then
        assertThat(alice.grant().refreshToken()).isEmpty();
        assertThat(outcome).isInstanceOfSatisfying(TokenOutcome.Refused.class, refused -> {
            assertThat(refused.error().status()).isEqualTo(400);
            assertThat(refused.error().is("unsupported_grant_type")).isTrue();
        });
    }
}
