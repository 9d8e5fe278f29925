package io.authpipe.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.core.secret.Secret;
import io.authpipe.sandbox.mastodon.MastodonVersion;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A 403 for the token's scopes is told apart from a 403 for the account's state on every version: by
 * {@code WWW-Authenticate: error="insufficient_scope"} from Mastodon 4.6, by Mastodon's fixed text before.
 */
class MastodonClientScopeRefusalTest {

    @ParameterizedTest
    @EnumSource(MastodonVersion.class)
    void aTokenWithoutReadScopeIsAScopeRefusalNotASuspension(MastodonVersion version) {
        try (SandboxFixture mastodon = SandboxFixture.start(SandboxFixture.relaxed(version))) {
            ClientCredentials app = mastodon.registerApp();
            String writeOnly = mastodon.sandbox().operator().mintTokens("alice", app.clientId(), List.of("write"), 1)
                    .get(0).accessToken();
            String readWrite = mastodon.sandbox().operator().mintTokens("bob", app.clientId(),
                    List.of("read", "write"), 1).get(0).accessToken();
            mastodon.sandbox().operator().suspend("bob");

            VerifyOutcome scopes = mastodon.client().verifyCredentials(mastodon.instance(), Secret.of(writeOnly),
                    "sandbox.authpipe.test");
            VerifyOutcome suspended = mastodon.client().verifyCredentials(mastodon.instance(), Secret.of(readWrite),
                    "sandbox.authpipe.test");

            assertThat(scopes).isInstanceOfSatisfying(VerifyOutcome.Forbidden.class,
                    forbidden -> assertThat(forbidden.scopes()).isTrue());
            assertThat(suspended).isInstanceOfSatisfying(VerifyOutcome.Forbidden.class,
                    forbidden -> assertThat(forbidden.scopes()).isFalse());
        }
    }
}
