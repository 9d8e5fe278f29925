package io.authpipe.sandbox.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Starting, addressing, configuring and stopping a sandbox. */
class MastodonSandboxLifecycleTest {

    @Test
    void theDefaultSandboxListensOnAnEphemeralLoopbackPort() {
        try (MastodonSandbox sandbox = MastodonSandbox.start(SandboxConfig.defaults())) {
            // Then
            assertThat(sandbox.port()).isPositive();
            assertThat(sandbox.baseUrl()).isEqualTo("http://127.0.0.1:" + sandbox.port());
            assertThat(sandbox.config().version()).isEqualTo(MastodonVersion.V4_7);
            assertThat(sandbox.config().users()).extracting(SandboxUser::username).containsExactly("alice", "bob");
            assertThat(new SandboxHttp(sandbox.baseUrl()).get("/").status()).isEqualTo(200);
        }
    }

    @Test
    void aTakenPortIsReportedAndClosingTwiceIsHarmless() {
        // Given
        MastodonSandbox first = MastodonSandbox.start(SandboxConfig.defaults());

        // When / Then
        assertThatThrownBy(() -> MastodonSandbox.start(SandboxConfig.defaults().withPort(first.port())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(String.valueOf(first.port()));
        first.close();
        first.close();
    }

    @Test
    void invalidConfigurationIsRefusedUpFront() {
        assertThatThrownBy(() -> SandboxConfig.defaults().withUsers(List.of(SandboxUser.ALICE, SandboxUser.ALICE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate username");
        assertThatThrownBy(() -> new TokenPolicy(Duration.ZERO, true, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenPolicy(null, false, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxConfig.defaults().withPort(70_000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SandboxUser.BOB.toString()).doesNotContain("bob-password");
    }

    @Test
    void versionsAnswerTheirCapabilities() {
        assertThat(MastodonVersion.V4_2.supportsPkce()).isFalse();
        assertThat(MastodonVersion.V4_2.apiVersion()).isEmpty();
        assertThat(MastodonVersion.V4_3.apiVersion()).hasValue(2);
        assertThat(MastodonVersion.V4_5.apiVersion()).hasValue(7);
        assertThat(MastodonVersion.V4_7.apiVersion()).hasValue(11);
        assertThat(MastodonVersion.V4_3.acceptsRedirectUriArray()).isTrue();
        assertThat(MastodonVersion.V4_3.supportsPasswordGrant()).isTrue();
        assertThat(MastodonVersion.V4_5.supportsPasswordGrant()).isFalse();
        assertThat(MastodonVersion.V4_2.hasAuthorizationServerMetadata()).isFalse();
        assertThat(MastodonVersion.V4_2.supportsProfileScope()).isFalse();
        assertThat(MastodonVersion.V4_7.versionString()).isEqualTo("4.7.0");
    }
}
