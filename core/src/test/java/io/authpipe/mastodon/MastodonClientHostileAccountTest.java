package io.authpipe.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.mastodon.SandboxFixture.Connected;
import io.authpipe.sandbox.mastodon.SandboxUser;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code verify_credentials} over real HTTP from a sandbox that misreports its user: the client records no account
 * the instance alone made up.
 */
class MastodonClientHostileAccountTest {

    static SandboxFixture mastodon;
    static Connected alice;
    static String localDomain;

    @BeforeAll
    static void connect() {
        mastodon = SandboxFixture.start(SandboxFixture.relaxed());
        alice = mastodon.connect(SandboxUser.ALICE);
        localDomain = mastodon.client().localDomain(mastodon.instance());
    }

    @AfterAll
    static void stop() {
        mastodon.close();
    }

    @AfterEach
    void tellTheTruthAgain() {
        mastodon.sandbox().operator().misreportProfile("alice", Map.of());
    }

    private VerifyOutcome verify() {
        return mastodon.client().verifyCredentials(mastodon.instance(), alice.token(), localDomain);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"url\": \"javascript:alert(document.cookie)\"}",
            "{\"uri\": \"https://mastodon.social/users/Gargron\"}",
            "{\"acct\": \"Gargron@mastodon.social\"}",
            "{\"acct\": \"bob\"}",
            "{\"username\": \"alice@mastodon.social\"}",
            "{\"id\": \"../../api/v1/admin\"}",
            "{\"id\": null}",
            "{\"avatar\": \"data:image/svg+xml,<svg onload=alert(1)>\"}",
            "{\"header\": \"javascript:alert(1)\"}",
            "{\"display_name\": {\"text\": \"Alice\"}}"})
    void aMisreportedAccountIsAnInvalidAccountNotAVerifiedOne(String fields) throws Exception {
        // Given
        @SuppressWarnings("unchecked")
        Map<String, Object> misreport = AccountReaderTest.JSON.readValue(fields, Map.class);
        mastodon.sandbox().operator().misreportProfile("alice", misreport);

        // When
        VerifyOutcome outcome = verify();

        // Then
        assertThat(outcome).isInstanceOfSatisfying(VerifyOutcome.InvalidAccount.class,
                invalid -> assertThat(invalid.reason()).startsWith(misreport.keySet().iterator().next() + " "));
    }

    @Test
    void aDisplayNameWithControlsIsRecordedCleaned() {
        // Given
        mastodon.sandbox().operator().misreportProfile("alice", Map.of("display_name", "\u202eAlice\u0000\n Example"));

        // When
        VerifyOutcome outcome = verify();

        // Then
        assertThat(outcome).isInstanceOfSatisfying(VerifyOutcome.Verified.class,
                v -> assertThat(v.account().displayName()).isEqualTo("Alice Example"));
    }

    @Test
    void theTruthIsVerifiedWithTheHandleOnTheSandboxesLocalDomain() {
        assertThat(verify()).isInstanceOfSatisfying(VerifyOutcome.Verified.class,
                v -> assertThat(v.account().acct()).isEqualTo("alice@" + localDomain));
    }
}
