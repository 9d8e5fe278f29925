package io.authpipe.sandbox.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Discovery documents per version (MASTODON.md §6). */
class DiscoveryTest {

    @Test
    void mastodon47PublishesAuthorizationServerMetadataOnTheWebAddress() {
        try (MastodonSandbox sandbox = MastodonSandbox.start(OAuthFixture.relaxed())) {
            // When
            Reply reply = new SandboxHttp(sandbox.baseUrl()).get("/.well-known/oauth-authorization-server");

            // Then
            JsonNode metadata = reply.json();
            String base = sandbox.baseUrl();
            assertThat(metadata.get("issuer").asText()).isEqualTo(base + "/");
            assertThat(metadata.get("token_endpoint").asText()).isEqualTo(base + "/oauth/token");
            assertThat(metadata.get("userinfo_endpoint").asText()).isEqualTo(base + "/oauth/userinfo");
            assertThat(metadata.get("grant_types_supported").toString())
                    .isEqualTo("[\"authorization_code\",\"client_credentials\"]");
            assertThat(metadata.get("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
            assertThat(metadata.get("scopes_supported").get(0).asText()).isEqualTo("read");
            assertThat(metadata.get("scopes_supported").get(1).asText()).isEqualTo("profile");
            assertThat(metadata.get("scopes_supported").toString()).contains("\"read:collections\"");
        }
    }

    @Test
    void mastodon43ListsThePasswordGrantAndNoUserinfo() {
        try (MastodonSandbox sandbox = MastodonSandbox.start(SandboxConfig.defaults()
                .withVersion(MastodonVersion.V4_3))) {
            // When
            JsonNode metadata = new SandboxHttp(sandbox.baseUrl()).get("/.well-known/oauth-authorization-server")
                    .json();

            // Then
            assertThat(metadata.has("userinfo_endpoint")).isFalse();
            assertThat(metadata.get("grant_types_supported").toString())
                    .isEqualTo("[\"authorization_code\",\"password\",\"client_credentials\"]");
            assertThat(metadata.get("scopes_supported").toString()).doesNotContain("collections");
        }
    }

    @Test
    void mastodon42HasNoMetadataAndNoApiVersions() {
        try (MastodonSandbox sandbox = MastodonSandbox.start(SandboxConfig.defaults()
                .withVersion(MastodonVersion.V4_2))) {
            // When
            SandboxHttp http = new SandboxHttp(sandbox.baseUrl());
            Reply metadata = http.get("/.well-known/oauth-authorization-server");
            JsonNode instance = http.get("/api/v2/instance").json();

            // Then
            assertThat(metadata.status()).isEqualTo(404);
            assertThat(metadata.header("Content-Type")).startsWith("text/html");
            assertThat(instance.has("api_versions")).isFalse();
            assertThat(instance.get("version").asText()).isEqualTo("4.2.10");
        }
    }

    @Test
    void theInstanceReportsLocalDomainWhileUrlsUseTheWebAddress() {
        try (MastodonSandbox sandbox = MastodonSandbox.start(SandboxConfig.defaults()
                .withLocalDomain("example.test"))) {
            // When
            SandboxHttp http = new SandboxHttp(sandbox.baseUrl());
            JsonNode v2 = http.get("/api/v2/instance").json();
            JsonNode v1 = http.get("/api/v1/instance").json();

            // Then
            assertThat(v2.get("domain").asText()).isEqualTo("example.test");
            assertThat(v2.get("version").asText()).isEqualTo("4.7.0");
            assertThat(v2.get("api_versions").get("mastodon").asInt()).isEqualTo(11);
            assertThat(v2.get("configuration").get("vapid").get("public_key").asText()).startsWith("B");
            assertThat(v1.get("uri").asText()).isEqualTo("example.test");
        }
    }

    @Test
    void nodeinfoNamesTheSoftwareAndVersion() {
        try (MastodonSandbox sandbox = MastodonSandbox.start(SandboxConfig.defaults()
                .withVersion(MastodonVersion.V4_5))) {
            // When
            SandboxHttp http = new SandboxHttp(sandbox.baseUrl());
            JsonNode links = http.get("/.well-known/nodeinfo").json();
            JsonNode nodeinfo = http.get(links.get("links").get(0).get("href").asText()).json();

            // Then
            assertThat(links.get("links").get(0).get("rel").asText())
                    .isEqualTo("http://nodeinfo.diaspora.software/ns/schema/2.0");
            assertThat(nodeinfo.get("software").get("name").asText()).isEqualTo("mastodon");
            assertThat(nodeinfo.get("software").get("version").asText()).isEqualTo("4.5.9");
        }
    }
}
