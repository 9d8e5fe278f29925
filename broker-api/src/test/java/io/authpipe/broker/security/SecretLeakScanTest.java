package io.authpipe.broker.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.StateSecret;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.events.ConnectReply;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.Bytes;
import io.authpipe.kafka.testing.DirectoryScanner;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.kafka.testing.Needles;
import io.authpipe.kafka.testing.TopicScanner;
import io.authpipe.sandbox.mastodon.SandboxBrowser;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * After real flows (connect with PKCE over HTTP and from a ConnectRequest record, disconnect, restart), no plaintext
 * secret is anywhere Authpipe writes: not in any topic (connect replies, changelog and repartition topics included),
 * not in the broker's data directory, not in the Streams state directory, not in the logs. The OAuth states, the
 * PKCE verifiers and the authorization codes are among the secrets.
 */
@ExtendWith(KafkaBrokerExtension.class)
class SecretLeakScanTest {
    static final Path TEST_LOG = Path.of("target", "test-logs", "broker-api-tests.log");
    static BrokerFixture fixture;
    static EmbeddedKafka broker;
    static Path dir;
    static final Map<String, byte[]> secrets = new LinkedHashMap<>();
    static String visibleUserId;
    static String publishedSessionId;

    @BeforeAll
    static void runFlows(EmbeddedKafka kafka, @TempDir Path tempDir) throws Exception {
        broker = kafka;
        dir = tempDir;
        fixture = BrokerFixture.start(kafka, tempDir);
        TestTenant tenant = fixture.createTenant("leaky");
        visibleUserId = "user-visible-" + tenant.id();
        secrets.put("tenant API key", utf8(tenant.apiKey()));
        for (String user : List.of(visibleUserId, "user-gone")) {
            String link = fixture.startConnect(tenant, user, List.of("read", "write"));
            secrets.put("connect session secret of " + user, utf8(link.substring(link.lastIndexOf('.') + 1)));
            SandboxBrowser browser = new SandboxBrowser();
            String authorizeUrl = browser.throughConnectPage(link);
            secrets.put("OAuth state of " + user, utf8(HttpUrl.get(authorizeUrl).queryParameter("state")));
            URI callback = browser.approve(authorizeUrl, user.equals("user-gone") ? "bob" : "alice",
                    user.equals("user-gone") ? "bob-password" : "alice-password");
            secrets.put("authorization code of " + user, utf8(HttpUrl.get(callback.toString()).queryParameter("code")));
            secrets.put("browser binding cookie of " + user, utf8(java.util.Arrays.stream(
                    browser.cookieHeader(callback.toString()).split("; "))
                    .filter(c -> c.startsWith("authpipe_browser=")).findFirst().orElseThrow().substring(17)));
            Api.browse(callback.toString(), browser);
            secrets.put("access token of " + user, utf8(fixture.api(tenant)
                    .get("/v1/credentials/mastodon/" + user).json().path("credential").asText()));
        }
        connectByTopic(tenant, "user-by-topic");
        String producerKey = fixture.producerKey(tenant).key();
        secrets.put("producer signing key", utf8(producerKey));
        secrets.put("producer signing key (raw)", Base64.getUrlDecoder().decode(producerKey));
        fixture.api(tenant).delete("/v1/connections/mastodon/user-gone");
        fixture.sandbox().operator().clientSecrets().forEach(s -> secrets.put("client secret " + s.hashCode(), utf8(s)));
        fixture.sandbox().operator().receivedCodeVerifiers()
                .forEach(v -> secrets.put("PKCE verifier " + v.hashCode(), utf8(v)));
        String keyFile = Files.readAllLines(tempDir.resolve("master.key")).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank()).findFirst().orElseThrow();
        secrets.put("key-encryption key (base64)", utf8(keyFile));
        secrets.put("key-encryption key (raw)", Base64.getDecoder().decode(keyFile.strip()));
        fixture.restart();
    }

    /**
     * A flow started by a record on {@code authpipe.connect-requests}: its reply is on a topic, so the secrets to
     * look for are the state the browser carried (handle and the producer's secret), that secret alone, and the
     * code. The handle itself is public and is expected on the reply.
     */
    private static void connectByTopic(TestTenant tenant, String user) {
        StateSecret producer = StateSecret.generate();
        ConnectReply reply = fixture.requestConnect(tenant, user, List.of("read"), Optional.of(producer.challenge()));
        publishedSessionId = HttpUrl.get(reply.getAuthorizeUrl()).fragment().replaceAll("^token=|\\.$", "");
        SandboxBrowser browser = new SandboxBrowser();
        URI callback = browser.approve(producer.complete(reply.getAuthorizeUrl()), "alice", "alice-password");
        secrets.put("OAuth state of " + user, utf8(HttpUrl.get(callback.toString()).queryParameter("state")));
        secrets.put("producer's state secret of " + user, utf8(producer.secret()));
        secrets.put("authorization code of " + user, utf8(HttpUrl.get(callback.toString()).queryParameter("code")));
        assertThat(Api.browse(callback.toString(), browser).header("Location")).contains("authpipe_status=connected");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void theFlowsProducedEverySecretTheScanLooksFor() {
        assertThat(secrets.keySet()).anyMatch(k -> k.startsWith("client secret"))
                .anyMatch(k -> k.startsWith("PKCE verifier")).anyMatch(k -> k.startsWith("access token"))
                .contains("OAuth state of user-by-topic", "producer's state secret of user-by-topic");
        assertThat(fixture.sandbox().operator().receivedCodeVerifiers()).hasSize(3);
        assertThat(secrets.values()).allSatisfy(v -> assertThat(v.length).isGreaterThanOrEqualTo(16));
    }

    @Test
    void theScannersFindWhatIsThere() {
        assertThat(TopicScanner.topicsContaining(broker.bootstrapServers(), utf8(visibleUserId), Duration.ofSeconds(30)))
                .contains("authpipe.connection-events", "authpipe.credential-updated");
        assertThat(DirectoryScanner.filesContaining(broker.dataDir(), utf8(visibleUserId))).isNotEmpty();
        assertThat(TopicScanner.topicsContaining(broker.bootstrapServers(), utf8(publishedSessionId),
                Duration.ofSeconds(30))).contains("authpipe.connect-replies");
        assertThat(DirectoryScanner.filesContaining(TEST_LOG.getParent(), utf8("vault applied event"))).isNotEmpty();
    }

    @Test
    void noTopicHoldsAPlaintextSecret() {
        Map<String, List<byte[]>> records = TopicScanner.recordBytesByTopic(broker.bootstrapServers(),
                Duration.ofSeconds(30));
        List<String> leaks = new ArrayList<>();
        records.forEach((topic, values) -> secrets.forEach((name, secret) -> {
            if (values.stream().anyMatch(bytes -> Bytes.contains(bytes, secret))) {
                leaks.add(name + " in topic " + topic);
            }
        }));
        assertThat(records.keySet()).contains("authpipe.connection-events",
                fixture.applicationId() + "-credentials-changelog");
        assertThat(leaks).isEmpty();
    }

    @Test
    void noFileOfTheBrokerTheStateOrTheLogsHoldsAPlaintextSecret() {
        List<String> names = List.copyOf(secrets.keySet());
        Needles needles = new Needles(names.stream().map(secrets::get).toList());
        List<String> leaks = new ArrayList<>();
        for (Path root : List.of(broker.dataDir(), dir.resolve("state"), TEST_LOG.getParent())) {
            DirectoryScanner.filesContaining(root, needles).forEach((file, found) ->
                    found.forEach(n -> leaks.add(names.get(n) + " in " + file)));
        }
        assertThat(leaks).isEmpty();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
