package io.authpipe.sandbox.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /api/v1/apps} (MASTODON.md §1). */
class AppRegistrationTest {

    private static MastodonSandbox sandbox;
    private static SandboxHttp http;

    @BeforeAll
    static void start() {
        sandbox = MastodonSandbox.start(OAuthFixture.relaxed());
        http = new SandboxHttp(sandbox.baseUrl());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void registeringAnAppReturnsTheCredentialApplicationOfMastodon47() {
        // When
        Reply reply = http.postForm("/api/v1/apps", Map.of("client_name", "Test Application",
                "redirect_uris", "https://app.example/callback\nhttps://app.example/register",
                "scopes", "read write push"));

        // Then
        JsonNode app = reply.json();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(app.get("id").isTextual()).isTrue();
        assertThat(app.get("name").asText()).isEqualTo("Test Application");
        assertThat(app.get("website").isNull()).isTrue();
        assertThat(app.get("scopes")).hasToString("[\"read\",\"write\",\"push\"]");
        assertThat(app.get("redirect_uris"))
                .hasToString("[\"https://app.example/callback\",\"https://app.example/register\"]");
        assertThat(app.get("redirect_uri").asText())
                .isEqualTo("https://app.example/callback\nhttps://app.example/register");
        assertThat(app.get("client_id").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(app.get("client_secret").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(app.get("client_secret_expires_at").asInt()).isZero();
        assertThat(app.get("vapid_key").asText()).startsWith("B").endsWith("=").hasSize(88);
    }

    @Test
    void mastodon42RegistrationHasNeitherArraysNorSecretExpiry() {
        try (MastodonSandbox old = MastodonSandbox.start(OAuthFixture.relaxed().withVersion(MastodonVersion.V4_2))) {
            // When
            Reply reply = new SandboxHttp(old.baseUrl()).postForm("/api/v1/apps",
                    Map.of("client_name", "Old", "redirect_uris", "https://app.example/cb"));

            // Then
            assertThat(reply.json().fieldNames()).toIterable().containsExactlyInAnyOrder(
                    "id", "name", "website", "redirect_uri", "vapid_key", "client_id", "client_secret");
        }
    }

    @Test
    void aJsonBodyWithARedirectUriArrayIsAcceptedFrom43() {
        // When
        Reply reply = http.postJson("/api/v1/apps", """
                {"client_name":"Json app","redirect_uris":["https://a.example/cb","myapp://cb"],
                 "scopes":"read read profile","website":"https://a.example"}""");

        // Then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("redirect_uri")).isEqualTo("https://a.example/cb\nmyapp://cb");
        assertThat(reply.json().get("scopes")).hasToString("[\"read\",\"profile\"]");
        assertThat(reply.text("website")).isEqualTo("https://a.example");
    }

    @Test
    void aRedirectUriArrayIsDroppedBefore43() {
        try (MastodonSandbox old = MastodonSandbox.start(OAuthFixture.relaxed().withVersion(MastodonVersion.V4_2))) {
            // When
            Reply reply = new SandboxHttp(old.baseUrl()).postPairs("/api/v1/apps", List.of(
                    Map.entry("client_name", "Old"), Map.entry("redirect_uris[]", "https://app.example/cb")));

            // Then
            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.text("error")).isEqualTo("Validation failed: Redirect URI can't be blank");
        }
    }

    @Test
    void aScopesArrayIsSilentlyDroppedAndTheAppGetsRead() {
        // When (quirk #30152)
        Reply reply = http.postPairs("/api/v1/apps", List.of(Map.entry("client_name", "Array scopes"),
                Map.entry("redirect_uris", "https://app.example/cb"),
                Map.entry("scopes[]", "read"), Map.entry("scopes[]", "write")));

        // Then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("scopes")).hasToString("[\"read\"]");
    }

    @Test
    void absentScopesDefaultToRead() {
        // When
        Reply reply = http.postForm("/api/v1/apps",
                Map.of("client_name", "Defaults", "redirect_uris", "urn:ietf:wg:oauth:2.0:oob"));

        // Then
        assertThat(reply.json().get("scopes")).hasToString("[\"read\"]");
    }

    @ParameterizedTest(name = "{0} → {2}")
    @CsvSource(delimiter = '|', value = {
        "no name             | https://a.example/cb        | Validation failed: Application name can't be blank",
        "fragment            | https://a.example/cb#x      | Validation failed: Redirect URI cannot contain a fragment.",
        "javascript          | javascript://alert/1        | Validation failed: Redirect URI is forbidden by the server.",
        "opaque              | myapp:cb                    | Validation failed: Redirect URI must specify a scheme.",
        "localhost scheme    | localhost:3000              | Validation failed: Redirect URI must specify a scheme.",
        "relative            | /callback                   | Validation failed: Redirect URI must be an absolute URI.",
        "no host             | https:///cb                 | Validation failed: Redirect URI must be a valid URI.",
        "blank               | ' '                         | Validation failed: Redirect URI can't be blank",
    })
    void invalidRegistrationsAreRefusedWithRailsValidationMessages(String label, String redirectUris, String error) {
        // Given
        String name = label.equals("no name") ? "" : "App " + label;

        // When
        Reply reply = http.postForm("/api/v1/apps", Map.of("client_name", name, "redirect_uris", redirectUris));

        // Then
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.text("error")).isEqualTo(error);
    }

    @Test
    void anUnknownScopeATooLongNameAndABadWebsiteAreReportedTogether() {
        // When
        Reply reply = http.postForm("/api/v1/apps", Map.of("client_name", "x".repeat(61),
                "redirect_uris", "https://a.example/cb", "scopes", "read read:collectionz", "website", "ftp://x"));

        // Then
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.text("error")).isEqualTo("Validation failed: "
                + "Scopes doesn't match those configured on the server., "
                + "Application name is too long (maximum is 60 characters), Application website is invalid");
    }

    @Test
    void httpAndCustomSchemeRedirectsAreAccepted() {
        // When
        Reply reply = http.postForm("/api/v1/apps", Map.of("client_name", "Lenient",
                "redirect_uris", "http://localhost:1234/cb com.example.app:/cb myapp://cb"));

        // Then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("redirect_uris")).hasSize(3);
    }

    @Test
    void collectionsScopesOnlyExistFrom46AndProfileFrom43() {
        try (MastodonSandbox v45 = MastodonSandbox.start(OAuthFixture.relaxed().withVersion(MastodonVersion.V4_5));
             MastodonSandbox v42 = MastodonSandbox.start(OAuthFixture.relaxed().withVersion(MastodonVersion.V4_2))) {
            // When
            Reply collectionsOn45 = register(v45, "read:collections");
            Reply profileOn42 = register(v42, "profile");
            Reply collectionsOn47 = register(sandbox, "read:collections write:collections");

            // Then
            assertThat(collectionsOn45.status()).isEqualTo(422);
            assertThat(profileOn42.status()).isEqualTo(422);
            assertThat(collectionsOn47.status()).isEqualTo(200);
        }
    }

    private static Reply register(MastodonSandbox target, String scopes) {
        return new SandboxHttp(target.baseUrl()).postForm("/api/v1/apps",
                Map.of("client_name", "Scopes", "redirect_uris", "https://a.example/cb", "scopes", scopes));
    }
}
