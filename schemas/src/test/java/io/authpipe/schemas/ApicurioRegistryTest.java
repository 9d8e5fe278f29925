package io.authpipe.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.authpipe.events.ConnectReply;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The serde against a real Apicurio Registry's Confluent-compatible API. Runs only with
 * {@code -Dauthpipe.apicurio.home=<unpacked io.apicurio:apicurio-registry-app:3.3.3:tar.gz:all>} (the folder holding
 * {@code quarkus-run.jar}); Java 21+ from {@code -Dauthpipe.apicurio.java}, default Temurin 25.
 */
class ApicurioRegistryTest {

    private static final String TOPIC = "authpipe.connect-replies";
    private static Process apicurio;
    private static URI ccompat;

    @BeforeAll
    static void startApicurio() throws Exception {
        String home = System.getProperty("authpipe.apicurio.home", "");
        assumeTrue(!home.isBlank(), "set -Dauthpipe.apicurio.home to test against a real Apicurio Registry");
        String java = System.getProperty("authpipe.apicurio.java", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        int port = freePort();
        Path log = Files.createTempFile("apicurio", ".log");
        apicurio = new ProcessBuilder(List.of(java, "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + freePort(),
                "-jar", runJar(Path.of(home)).toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ccompat = URI.create("http://127.0.0.1:" + port + "/apis/ccompat/v7");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!apicurio.isAlive()) {
                throw new IllegalStateException("Apicurio exited; see " + log);
            }
            return ready();
        });
    }

    @AfterAll
    static void stopApicurio() throws InterruptedException {
        if (apicurio != null) {
            apicurio.destroy();
            if (!apicurio.waitFor(20, TimeUnit.SECONDS)) {
                apicurio.destroyForcibly();
            }
        }
    }

    @Test
    void aRecordRoundTripsThroughApicurioInTheConfluentWireFormat() {
        byte[] written = AvroSerde.of(ConnectReply.class, SchemaRegistry.confluent(ccompat)).serialize(TOPIC,
                Records.connectReply());

        ConnectReply read = AvroSerde.of(ConnectReply.class, SchemaRegistry.confluent(ccompat))
                .deserialize(TOPIC, written);

        assertThat(written[0]).isZero();
        assertThat(read).isEqualTo(Records.connectReply());
    }

    @Test
    void theSameSchemaUnderTwoSubjectsGetsTheSameIdFromApicurio() {
        AvroSerde<ConnectReply> serde = AvroSerde.of(ConnectReply.class, SchemaRegistry.confluent(ccompat));

        byte[] first = serde.serialize("apicurio-a", Records.connectReply());
        byte[] second = serde.serialize("apicurio-b", Records.connectReply());

        assertThat(Arrays.copyOf(first, 5)).isEqualTo(Arrays.copyOf(second, 5));
    }

    /** The unpacked tar.gz holds {@code quarkus-run.jar} at its top; a Quarkus build tree holds it in quarkus-app. */
    private static Path runJar(Path home) {
        Path top = home.resolve("quarkus-run.jar");
        return Files.exists(top) ? top : home.resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    private static boolean ready() {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(ccompat + "/subjects")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
