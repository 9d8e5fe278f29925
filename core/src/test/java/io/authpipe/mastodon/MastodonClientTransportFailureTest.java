package io.authpipe.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.core.secret.Secret;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Failures that say nothing about the credential (MASTODON.md §9): unreachable, 5xx, a proxy's HTML page, and hosts
 * the SSRF guard refuses at connect time. All are {@link InstanceUnavailableException}, none carries a secret.
 */
class MastodonClientTransportFailureTest {

    private static final Secret TOKEN = Secret.of("ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0");
    private static final Secret CLIENT_SECRET = Secret.of("ZEaFUFmF0umgBX1qKJDjaU99Q31lDkOU8NutzTOoliw");
    private static final Secret REFRESH = Secret.of("rT-9mOq2b0N5pV1yJd7xS4wKc8eHf3gLa6iZuXtBvQs");
    private static final Secret VERIFIER = Secret.of("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    private static final ClientCredentials APP = new ClientCredentials("client-id", CLIENT_SECRET);
    private static final String HTML = "<html><body>Checking your browser before accessing…</body></html>";

    private static InstanceUnavailableException failure(Runnable call) {
        return catchThrowableOfType(InstanceUnavailableException.class, call::run);
    }

    private static void assertCarriesNoSecret(Throwable failure) {
        List<String> secrets = List.of(TOKEN.reveal(), CLIENT_SECRET.reveal(), REFRESH.reveal(), VERIFIER.reveal(),
                "the-code");
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(secrets);
            assertThat(t.toString()).doesNotContain(secrets);
        }
    }

    @Test
    void anUnreachableInstanceIsUnavailableAndNoMessageCarriesASecret() {
        // Given: allow-listed, but nothing listens
        int port = StubServer.closedPort();
        MastodonClient client = SandboxFixture.clientAllowing("127.0.0.1:" + port);
        InstanceAddress instance = InstanceAddress.parse("http://127.0.0.1:" + port);
        ServerInfo server = ServerInfo.legacy(instance);

        // When
        List<InstanceUnavailableException> failures = List.of(
                failure(() -> client.verifyCredentials(instance, TOKEN, "example.test")),
                failure(() -> client.exchangeCode(server, APP, "the-code", SandboxFixture.CALLBACK,
                        Optional.of(VERIFIER))),
                failure(() -> client.refresh(server, APP, REFRESH)),
                failure(() -> client.revoke(server, APP, TOKEN)),
                failure(() -> client.discover(instance)));

        // Then
        assertThat(failures).allSatisfy(failure -> {
            assertThat(failure).isNotNull().hasMessageContaining("http://127.0.0.1:" + port).hasMessageContaining(
                    "unreachable");
            assertThat(failure.maybeProcessed()).as("nothing was sent").isFalse();
            assertCarriesNoSecret(failure);
        });
    }

    @Test
    void aServiceUnavailablePageFromAProxyIsUnavailableNotAVerdictOnTheToken() {
        try (StubServer proxy = StubServer.answering(503, "text/html", HTML)) {
            // Given
            MastodonClient client = SandboxFixture.clientAllowing(proxy.authority());
            InstanceAddress instance = InstanceAddress.parse("http://" + proxy.authority());

            // When
            InstanceUnavailableException failure = failure(
                    () -> client.verifyCredentials(instance, TOKEN, "example.test"));

            // Then
            assertThat(failure).isNotNull().hasMessageContaining("503").hasMessageContaining("not JSON");
            assertThat(failure.maybeProcessed()).isFalse();
            assertCarriesNoSecret(failure);
        }
    }

    @Test
    void aForbiddenChallengePageIsUnavailableNotAForbiddenAccount() {
        try (StubServer cloudflare = StubServer.answering(403, "text/html", HTML)) {
            // Given
            MastodonClient client = SandboxFixture.clientAllowing(cloudflare.authority());
            InstanceAddress instance = InstanceAddress.parse("http://" + cloudflare.authority());

            // When / Then
            assertThat(failure(() -> client.verifyCredentials(instance, TOKEN, "example.test"))).isNotNull();
            assertThat(failure(() -> client.exchangeCode(ServerInfo.legacy(instance), APP, "the-code",
                    SandboxFixture.CALLBACK, Optional.empty()))).isNotNull();
        }
    }

    @Test
    void aServerErrorWithAJsonBodyIsUnavailable() {
        try (StubServer mastodon = StubServer.answering(500, "application/json",
                "{\"error\":\"There was a temporary problem serving your request, please try again\"}")) {
            // Given
            MastodonClient client = SandboxFixture.clientAllowing(mastodon.authority());
            InstanceAddress instance = InstanceAddress.parse("http://" + mastodon.authority());

            // When / Then
            assertThat(failure(() -> client.revoke(ServerInfo.legacy(instance), APP, TOKEN)))
                    .isNotNull().hasMessageEndingWith("answered HTTP 500");
        }
    }

    @Test
    void anInstanceAnsweringAServerErrorHasNoLocalDomainRatherThanItsHost() {
        try (StubServer mastodon = StubServer.answering(500, "application/json",
                "{\"error\":\"We're sorry, but something went wrong on our end\"}")) {
            // Given
            MastodonClient client = SandboxFixture.clientAllowing(mastodon.authority());
            InstanceAddress instance = InstanceAddress.parse("http://" + mastodon.authority());

            // When / Then: unavailable, not the API host passed off as LOCAL_DOMAIN (a caller would cache it)
            assertThat(failure(() -> client.localDomain(instance))).isNotNull().hasMessageEndingWith("answered HTTP 500");
        }
    }

    @Test
    void aHostThatIsNotAllowListedAndResolvesToLoopbackFailsAtDns() {
        try (StubServer mastodon = StubServer.answering(200, "application/json", "{\"domain\":\"x.test\"}")) {
            // Given: only the IP literal is allow-listed; "localhost" resolves to loopback
            MastodonClient client = SandboxFixture.clientAllowing(mastodon.authority());
            InstanceAddress instance = InstanceAddress.parse("http://localhost:" + mastodon.port());

            // When
            InstanceUnavailableException failure = failure(() -> client.localDomain(instance));

            // Then
            assertThat(failure).isNotNull().hasMessageContaining("UnknownHostException");
            assertThat(failure.maybeProcessed()).isFalse();
            assertThat(mastodon.requests()).isZero();
        }
    }

    @Test
    void anAllowListedInstanceOpensNoOtherPortOfItsHost() {
        try (StubServer sandbox = StubServer.answering(200, "application/json", "{\"domain\":\"x.test\"}");
             StubServer kafka = StubServer.answering(200, "application/json", "{\"domain\":\"x.test\"}")) {
            // Given: a worker's client allow-lists the sandbox's 127.0.0.1:<port>; a record names another port
            MastodonClient client = SandboxFixture.clientAllowing(sandbox.authority());
            InstanceAddress other = InstanceAddress.parse("http://" + kafka.authority());

            // When
            String domain = client.localDomain(InstanceAddress.parse("http://" + sandbox.authority()));
            InstanceUnavailableException failure = failure(() -> client.localDomain(other));

            // Then
            assertThat(domain).isEqualTo("x.test");
            assertThat(failure).isNotNull().hasMessageContaining("UnknownHostException");
            assertThat(failure.maybeProcessed()).isFalse();
            assertThat(kafka.requests()).isZero();
        }
    }

    @Test
    void anIpLiteralThatIsNotAllowListedIsRefusedBeforeConnecting() {
        try (StubServer internal = StubServer.answering(200, "application/json", "{\"domain\":\"x.test\"}")) {
            // Given: OkHttp connects to IP literals without asking the Dns
            MastodonClient client = SandboxFixture.clientAllowing("mastodon.example");
            InstanceAddress instance = InstanceAddress.parse("http://" + internal.authority());

            // When
            InstanceUnavailableException failure = failure(() -> client.localDomain(instance));

            // Then
            assertThat(failure).isNotNull().hasMessageContaining("UnknownHostException");
            assertThat(failure.maybeProcessed()).isFalse();
            assertThat(internal.requests()).isZero();
        }
    }
}
