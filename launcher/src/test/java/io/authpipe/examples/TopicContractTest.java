package io.authpipe.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.authpipe.core.config.EnvReader;
import io.authpipe.events.ConnectRequest;
import io.authpipe.launcher.DevEnvironment;
import io.authpipe.launcher.DevFacts;
import io.authpipe.sandbox.mastodon.SandboxBrowser;
import io.authpipe.topics.TopicSubjects;
import io.authpipe.topics.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topics as other teams meet them, against one embedded default with its schema registry (Apicurio): the
 * subjects and their levels, a refused incompatible schema, the Java and the TypeScript examples from request to
 * followed connection, and a request whose schema uses references.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TopicContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path TYPESCRIPT = Path.of(System.getProperty("authpipe.examples.typescript",
            "../examples/typescript"));
    private static final Duration LINK_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path home;
    private static DevEnvironment dev;
    private static DevFacts facts;
    private static URI registry;
    private static ConnectLinkProducer.SigningKey signer;

    @BeforeAll
    static void startTheEmbeddedDefault() throws Exception {
        dev = DevEnvironment.start(new EnvReader(Map.of("AUTHPIPE_HOME", home.toString(), "AUTHPIPE_HTTP_PORT", "0",
                "AUTHPIPE_SANDBOX_PORT", "0", "AUTHPIPE_DEMO_PORT", "0", "AUTHPIPE_REGISTRY_PORT", "0")),
                Clock.systemUTC());
        facts = dev.facts();
        assertThat(facts.schemaRegistryUrl()).as("the embedded default runs a schema registry").isNotNull();
        registry = URI.create(facts.schemaRegistryUrl());
        JsonNode key = JSON.readTree(send(api("/v1/producer-keys").POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json"), 201));
        signer = new ConnectLinkProducer.SigningKey(key.path("keyId").asText(), key.path("key").asText());
    }

    @AfterAll
    static void stop() {
        if (dev != null) {
            dev.close();
        }
    }

    @Test
    @Order(1)
    void everyTopicsValueSubjectIsRegisteredWithAuthpipesCompatibilityLevel() throws Exception {
        for (Topics.Definition topic : Topics.all()) {
            if (topic.valueSchema().isEmpty()) {
                continue;
            }
            JsonNode config = JSON.readTree(send(registry("/config/" + topic.valueSubject()).GET(), 200));
            JsonNode latest = JSON.readTree(send(registry("/subjects/" + topic.valueSubject() + "/versions/latest")
                    .GET(), 200));

            assertThat(config.path("compatibilityLevel").asText()).as(topic.valueSubject())
                    .isEqualTo(TopicSubjects.compatibility(topic.audience()).name());
            assertThat(new Schema.Parser().parse(latest.path("schema").asText())).as(topic.valueSubject())
                    .isEqualTo(topic.valueSchema().get());
        }
    }

    @Test
    @Order(2)
    void theRegistryRefusesASchemaThatWouldBreakAPublicTopicsConsumers() throws Exception {
        // ConnectReply without requestId: a consumer reading with the registered schema could not read it
        ObjectNode schema = (ObjectNode) JSON.readTree(
                Topics.all().stream().filter(t -> t.name().equals(Topics.CONNECT_REPLIES)).findFirst()
                        .orElseThrow().valueSchema().orElseThrow().toString());
        ArrayNode fields = (ArrayNode) schema.path("fields");
        fields.remove(0);

        String answer = send(registry("/subjects/" + Topics.CONNECT_REPLIES + "-value/versions")
                .POST(schemaBody(schema.toString(), List.of())), 409);

        assertThat(JSON.readTree(answer).path("error_code").asInt()).isEqualTo(409);
    }

    @Test
    @Order(3)
    void theJavaExamplesRequestALinkAndFollowTheConnection() throws Exception {
        ConnectLinkProducer.Outcome outcome = ConnectLinkProducer.requestLink(facts.kafkaBootstrapServers(), registry,
                signer, facts.tenantId(), "java-user", facts.sandboxUrl(), facts.returnTo(), LINK_TIMEOUT);
        assertThat(outcome.errorCode()).isNull();
        approve(outcome.link(), "alice");

        List<ConnectionFollower.Seen> seen = new CopyOnWriteArrayList<>();
        try (ConnectionFollower follower = new ConnectionFollower(facts.kafkaBootstrapServers(), registry,
                "java-follower")) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                follower.poll(Duration.ofMillis(200), seen::add);
                assertThat(seen).anySatisfy(record -> {
                    assertThat(record.topic()).isEqualTo(Topics.CREDENTIAL_UPDATED);
                    assertThat(record.key()).isEqualTo(facts.tenantId() + ":mastodon:java-user");
                    assertThat(String.valueOf(((org.apache.avro.generic.GenericRecord) record.value())
                            .get("status"))).isEqualTo("ACTIVE");
                });
            });
        }
    }

    @Test
    @Order(4)
    void theTypeScriptExamplesRequestALinkAndFollowTheConnection() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", facts.kafkaBootstrapServers(),
                "SCHEMA_REGISTRY_URL", registry.toString(), "TENANT_ID", facts.tenantId(), "USER_ID", "ts-user",
                "INSTANCE", facts.sandboxUrl(), "RETURN_TO", facts.returnTo(), "PRODUCER_KEY_ID", signer.id(),
                "PRODUCER_KEY", signer.key(), "GROUP_ID", "ts-follower"));
        Node producer = Node.run("dist/producer.js", env);
        await().atMost(LINK_TIMEOUT).until(() -> !producer.lines().isEmpty());
        JsonNode produced = JSON.readTree(producer.lines().get(0));
        producer.stop();
        assertThat(produced.path("errorCode").isMissingNode()).as(produced.toString()).isTrue();
        approve(produced.path("link").asText(), "bob");

        Node consumer = Node.run("dist/consumer.js", env);
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(consumer.lines())
                    .anySatisfy(line -> {
                        JsonNode record = JSON.readTree(line);
                        assertThat(record.path("topic").asText()).isEqualTo(Topics.CREDENTIAL_UPDATED);
                        assertThat(record.path("key").asText()).isEqualTo(facts.tenantId() + ":mastodon:ts-user");
                        assertThat(record.path("value").path("status").asText()).isEqualTo("ACTIVE");
                    }));
        } finally {
            consumer.stop();
        }
    }

    @Test
    @Order(5)
    void aRequestWhoseSchemaUsesReferencesIsAnswered() throws Exception {
        // A producer that registers its records by record name, with ConnectionRef as a schema of its own
        Schema full = ConnectRequest.getClassSchema();
        Schema connectionRef = full.getField("connection").schema();
        send(registry("/subjects/" + connectionRef.getFullName() + "/versions")
                .POST(schemaBody(connectionRef.toString(), List.of())), 200);
        ObjectNode referencing = (ObjectNode) JSON.readTree(full.toString());
        for (JsonNode field : referencing.path("fields")) {
            if (field.path("name").asText().equals("connection")) {
                ((ObjectNode) field).put("type", connectionRef.getFullName());
            }
        }
        JsonNode registered = JSON.readTree(send(registry("/subjects/" + full.getFullName() + "/versions")
                .POST(schemaBody(referencing.toString(), List.of(Map.of("name", connectionRef.getFullName(),
                        "subject", connectionRef.getFullName(), "version", 1)))), 200));

        ConnectLinkProducer.Outcome outcome = ConnectLinkProducer.requestLink(facts.kafkaBootstrapServers(), registry,
                new ConfluentAvro.Registered(registered.path("id").asInt(), full), signer, facts.tenantId(),
                "referencing-user", facts.sandboxUrl(), facts.returnTo(), LINK_TIMEOUT);

        assertThat(outcome.errorCode()).isNull();
        assertThat(outcome.link()).startsWith(facts.apiUrl());
    }

    /** The user opens the link, continues on the connect page, signs in and approves; the callback lands. */
    private static void approve(String link, String username) throws IOException, InterruptedException {
        SandboxBrowser browser = new SandboxBrowser();
        URI callback = browser.approve(link, username, username + "-password");
        HttpRequest.Builder request = HttpRequest.newBuilder(callback);
        String cookies = browser.cookieHeader(callback.toString());
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        assertThat(HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(302);
    }

    private static HttpRequest.BodyPublisher schemaBody(String schema, List<Map<String, Object>> references)
            throws IOException {
        return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("schema", schema,
                "references", references)));
    }

    private static HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(URI.create(facts.apiUrl().replaceAll("/+$", "") + path))
                .header("Authorization", "Bearer " + facts.apiKey());
    }

    private static HttpRequest.Builder registry(String path) {
        return HttpRequest.newBuilder(URI.create(registry + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json");
    }

    private static String send(HttpRequest.Builder request, int expectedStatus) throws IOException,
            InterruptedException {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return response.body();
    }

    /** A TypeScript example in a child process, its stdout collected line by line; ended by its own handle. */
    private record Node(Process process, List<String> lines) {
        static Node run(String script, Map<String, String> env) throws IOException {
            ProcessBuilder builder = new ProcessBuilder("node", script).directory(TYPESCRIPT.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().putAll(env);
            Node node = new Node(builder.start(), new CopyOnWriteArrayList<>());
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(node.process().getInputStream(),
                        StandardCharsets.UTF_8))) {
                    out.lines().forEach(node.lines()::add);
                } catch (IOException e) {
                    // the process ended
                }
            }, "node-" + script);
            reader.setDaemon(true);
            reader.start();
            return node;
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
