package io.authpipe.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.sandbox.mastodon.MastodonVersion;
import org.junit.jupiter.api.Test;

/** Discovery against a real sandbox: RFC 8414 metadata from 4.3 on, fixed paths before (MASTODON.md §6). */
class MastodonClientDiscoveryTest {

    @Test
    void aCurrentServerAdvertisesPkceScopesAndItsEndpoints() {
        try (SandboxFixture mastodon = SandboxFixture.start(SandboxFixture.relaxed(MastodonVersion.V4_7))) {
            // Given
            String base = mastodon.sandbox().baseUrl();

            // When
            ServerInfo server = mastodon.discover();

            // Then
            assertThat(server.instance()).isEqualTo(mastodon.instance());
            assertThat(server.supportsPkceS256()).isTrue();
            assertThat(server.scopesSupported()).hasValueSatisfying(scopes ->
                    assertThat(scopes).contains("read", "write", "profile", "read:accounts", "read:collections"));
            assertThat(server.authorizationEndpoint()).isEqualTo(base + "/oauth/authorize");
            assertThat(server.tokenEndpoint()).isEqualTo(base + "/oauth/token");
            assertThat(server.revocationEndpoint()).isEqualTo(base + "/oauth/revoke");
            assertThat(server.refusesScope("profile")).isFalse();
            assertThat(server.refusesScope("crypto")).isTrue();
        }
    }

    @Test
    void aServerBefore43IsLegacyWithoutPkceOrScopeList() {
        try (SandboxFixture mastodon = SandboxFixture.start(SandboxFixture.relaxed(MastodonVersion.V4_2))) {
            // When
            ServerInfo server = mastodon.discover();

            // Then
            assertThat(server).isEqualTo(ServerInfo.legacy(mastodon.instance()));
            assertThat(server.supportsPkceS256()).isFalse();
            assertThat(server.scopesSupported()).isEmpty();
            assertThat(server.tokenEndpoint()).isEqualTo(mastodon.sandbox().baseUrl() + "/oauth/token");
            assertThat(server.refusesScope("profile")).isFalse();
        }
    }

    @Test
    void theLocalDomainComesFromTheInstanceDocumentNotFromTheApiHost() {
        try (SandboxFixture mastodon = SandboxFixture.start(SandboxFixture.relaxed())) {
            // When
            String localDomain = mastodon.client().localDomain(mastodon.instance());

            // Then
            assertThat(localDomain).isEqualTo("sandbox.authpipe.test").isNotEqualTo(mastodon.instance().host());
        }
    }

    @Test
    void aServerBefore43ReportsItsLocalDomainToo() {
        try (SandboxFixture mastodon = SandboxFixture.start(SandboxFixture.relaxed(MastodonVersion.V4_2)
                .withLocalDomain("old.example"))) {
            assertThat(mastodon.client().localDomain(mastodon.instance())).isEqualTo("old.example");
        }
    }
}
