package io.authpipe.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.core.secret.Secret;
import io.authpipe.mastodon.SandboxFixture.Connected;
import io.authpipe.sandbox.mastodon.MastodonVersion;
import io.authpipe.sandbox.mastodon.SandboxUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code verify_credentials} classified by status, never by the localised text (MASTODON.md §4, §5, §10). */
class MastodonClientVerifyCredentialsTest {

    private SandboxFixture mastodon;
    private String localDomain;

    @BeforeEach
    void startSandbox() {
        mastodon = SandboxFixture.start(SandboxFixture.relaxed());
        localDomain = mastodon.client().localDomain(mastodon.instance());
    }

    @AfterEach
    void stopSandbox() {
        mastodon.close();
    }

    private VerifyOutcome verify(Secret token) {
        return mastodon.client().verifyCredentials(mastodon.instance(), token, localDomain);
    }

    @Test
    void aWorkingTokenNamesItsAccountByTheHandleOnTheLocalDomain() {
        // Given
        Connected alice = mastodon.connect(SandboxUser.ALICE);
        String base = mastodon.sandbox().baseUrl();

        // When
        VerifyOutcome outcome = verify(alice.token());

        // Then
        assertThat(outcome).isInstanceOfSatisfying(VerifyOutcome.Verified.class, verified -> {
            MastodonAccount account = verified.account();
            assertThat(account.acct()).isEqualTo("alice@sandbox.authpipe.test");
            assertThat(account.acct()).doesNotContain(mastodon.instance().host());
            assertThat(account.username()).isEqualTo("alice");
            assertThat(account.id()).matches("\\d+");
            assertThat(account.url()).isEqualTo(base + "/@alice");
            assertThat(account.uri()).isEqualTo(base + "/users/alice");
            assertThat(account.displayName()).isEqualTo("Alice Example");
        });
    }

    @Test
    void aTokenTheUserRevokedIsInvalid() {
        // Given
        Connected alice = mastodon.connect(SandboxUser.ALICE);
        mastodon.sandbox().operator().revokeTokensOf("alice");

        // When / Then
        assertThat(verify(alice.token())).isEqualTo(new VerifyOutcome.InvalidToken());
    }

    @Test
    void aTokenTheServerNeverIssuedIsInvalid() {
        assertThat(verify(Secret.of("not-a-token-the-server-knows"))).isEqualTo(new VerifyOutcome.InvalidToken());
    }

    @Test
    void aSuspendedAccountIsForbiddenAndWorksAgainOnceUnsuspended() {
        // Given
        Connected alice = mastodon.connect(SandboxUser.ALICE);
        mastodon.sandbox().operator().suspend("alice");

        // When
        VerifyOutcome suspended = verify(alice.token());
        mastodon.sandbox().operator().unsuspend("alice");
        VerifyOutcome unsuspended = verify(alice.token());

        // Then
        assertThat(suspended).isEqualTo(new VerifyOutcome.Forbidden("Your login is currently disabled"));
        assertThat(unsuspended).isInstanceOf(VerifyOutcome.Verified.class);
    }

    @Test
    void aSuspendedAccountIsForbiddenEvenWithARevokedToken() {
        // Given: Mastodon checks the suspension before the token
        Connected alice = mastodon.connect(SandboxUser.ALICE);
        mastodon.sandbox().operator().revokeTokensOf("alice");
        mastodon.sandbox().operator().suspend("alice");

        // When / Then
        assertThat(verify(alice.token())).isEqualTo(new VerifyOutcome.Forbidden("Your login is currently disabled"));
    }

    @Test
    void aGermanUsersRevokedTokenIsInvalidToo() {
        // Given: bob's locale is de, so the server's own texts are German
        Connected bob = mastodon.connect(SandboxUser.BOB);
        mastodon.sandbox().operator().revokeTokensOf("bob");

        // When / Then
        assertThat(verify(bob.token())).isEqualTo(new VerifyOutcome.InvalidToken());
    }

    @Test
    void aDeletedAccountsTokenIsInvalid() {
        // Given
        Connected bob = mastodon.connect(SandboxUser.BOB);
        mastodon.sandbox().operator().deleteAccount("bob");

        // When / Then
        assertThat(verify(bob.token())).isEqualTo(new VerifyOutcome.InvalidToken());
    }

    @Test
    void aServerBefore43VerifiesATokenAsWell() {
        try (SandboxFixture old = SandboxFixture.start(SandboxFixture.relaxed(MastodonVersion.V4_2))) {
            // Given
            Connected alice = old.connect(SandboxUser.ALICE);

            // When
            VerifyOutcome outcome = old.client().verifyCredentials(old.instance(), alice.token(),
                    old.client().localDomain(old.instance()));

            // Then
            assertThat(outcome).isInstanceOfSatisfying(VerifyOutcome.Verified.class,
                    verified -> assertThat(verified.account().acct()).isEqualTo("alice@sandbox.authpipe.test"));
        }
    }

    @Test
    void noOutcomePrintsTheToken() {
        // Given
        Connected alice = mastodon.connect(SandboxUser.ALICE);
        VerifyOutcome verified = verify(alice.token());
        mastodon.sandbox().operator().suspend("alice");
        VerifyOutcome forbidden = verify(alice.token());

        // When / Then
        assertThat(verified + " " + forbidden).doesNotContain(alice.token().reveal());
    }

    @Test
    void aCheckReportsTheMostConstrainedRateLimitSoTheCallerCanSlowDownBeforeA429() {
        // Given: the relaxed fixture's limits, 10,000 per token and per user per five minutes
        Connected alice = mastodon.connect(SandboxUser.ALICE);

        // When
        MastodonClient.Verification first = mastodon.client().check(mastodon.instance(), alice.token(), localDomain);
        MastodonClient.Verification second = mastodon.client().check(mastodon.instance(), alice.token(), localDomain);

        // Then: the most constrained throttle, counting down
        assertThat(first.outcome()).isInstanceOf(VerifyOutcome.Verified.class);
        RateLimit before = first.rateLimit().orElseThrow();
        RateLimit after = second.rateLimit().orElseThrow();
        assertThat(before.limit()).isEqualTo(10_000);
        assertThat(after.remaining()).isEqualTo(before.remaining() - 1);
        assertThat(after.reset()).isAfter(mastodon.sandbox().config().clock().instant());
    }
}
