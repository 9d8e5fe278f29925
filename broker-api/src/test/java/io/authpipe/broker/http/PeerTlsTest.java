package io.authpipe.broker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.authpipe.broker.BrokerApi;
import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.sandbox.mastodon.SandboxBrowser;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two broker-api instances serving https only (a self-signed certificate made with the JDK's keytool), trusting
 * each other's certificate: a request reaching the instance that does not own its key is forwarded over TLS with
 * the shared secret, so API keys and tokens never cross between instances in the clear.
 */
@ExtendWith(KafkaBrokerExtension.class)
class PeerTlsTest {
    private static final String PASSWORD = "keystore-password";
    static BrokerFixture fixture;
    static BrokerApi peer;
    static OkHttpClient trusting;
    static String apiKey;

    @BeforeAll
    static void start(EmbeddedKafka kafka, @TempDir Path dir) throws Exception {
        Path keyStore = dir.resolve("peer.p12");
        Path trustStore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "peer", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "peer", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-rfc", "-file", dir.resolve("peer.pem").toString());
        keytool("-importcert", "-noprompt", "-alias", "peer", "-file", dir.resolve("peer.pem").toString(),
                "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        Map<String, String> tls = Map.of(
                "AUTHPIPE_HTTP_TLS_KEYSTORE", keyStore.toString(),
                "AUTHPIPE_HTTP_TLS_KEYSTORE_PASSWORD", PASSWORD,
                "AUTHPIPE_PEER_TRUSTSTORE", trustStore.toString(),
                "AUTHPIPE_PEER_TRUSTSTORE_PASSWORD", PASSWORD);
        trusting = trustingClient(trustStore);
        fixture = BrokerFixture.start(kafka, dir.resolve("broker"), SandboxConfig.defaults(), tls, Clock.systemUTC());
        peer = fixture.startPeer("tls-2", tls);
        apiKey = admin(fixture.baseUrl()).post("/admin/v1/tenants", Map.of("tenantId", "tls-tenant",
                "displayName", "TLS", "returnUrls", List.of(BrokerFixture.RETURN_TO))).json().path("apiKey").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> api(peer.publicUrl().toString())
                .get("/v1/connections").status() == 200);
    }

    @AfterAll
    static void stop() {
        if (peer != null) {
            peer.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void everyCredentialIsServedOverTlsByBothInstances() {
        List<String> users = IntStream.rangeClosed(1, 6).mapToObj(i -> "tls-user-" + i).toList();
        users.forEach(PeerTlsTest::connect);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String user : users) {
                assertThat(api(fixture.baseUrl()).get("/v1/credentials/mastodon/" + user).status()).isEqualTo(200);
                assertThat(api(peer.publicUrl().toString()).get("/v1/credentials/mastodon/" + user).status())
                        .isEqualTo(200);
            }
        });
        assertThat(api(peer.publicUrl().toString()).get("/v1/connections").json().path("connections")
                .findValuesAsText("userId")).containsAll(users);
    }

    @Test
    void theInstancesSpeakOnlyTls() {
        assertThat(peer.publicUrl().getScheme()).isEqualTo("https");
        String plain = "http://127.0.0.1:" + peer.httpPort() + "/health";

        assertThatThrownBy(() -> {
            try (Response response = Api.client().newCall(new Request.Builder().url(plain).build()).execute()) {
                assertThat(response.code()).isNotEqualTo(200);
                throw new IOException("answered " + response.code());
            }
        }).isInstanceOf(IOException.class);
    }

    private static void connect(String user) {
        String authorizeUrl = api(fixture.baseUrl()).post("/v1/connect", Map.of("provider", "mastodon",
                "userId", user, "instance", fixture.sandbox().baseUrl(), "scopes", List.of("read"),
                "returnTo", BrokerFixture.RETURN_TO)).json().path("authorizeUrl").asText();
        SandboxBrowser browser = new SandboxBrowser(trusting);
        URI callback = browser.approve(authorizeUrl, "alice", "alice-password");
        String onPeer = callback.toString().replaceFirst("^https://[^/]+", peer.publicUrl().toString());
        assertThat(api(fixture.baseUrl()).browseAbsolute(onPeer, browser).header("Location"))
                .contains("authpipe_status=connected");
    }

    private static Api api(String base) {
        return new Api(base, apiKey, trusting);
    }

    private static Api admin(String base) {
        return new Api(base, BrokerFixture.ADMIN_TOKEN, trusting);
    }

    private static OkHttpClient trustingClient(Path trustStore) throws GeneralSecurityException, IOException {
        KeyStore keys = KeyStore.getInstance(trustStore.toFile(), PASSWORD.toCharArray());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(keys);
        X509TrustManager trust = (X509TrustManager) factory.getTrustManagers()[0];
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[] {trust}, null);
        return Api.client().newBuilder().sslSocketFactory(context.getSocketFactory(), trust).build();
    }

    private static void keytool(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
