package io.authpipe.shape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.broker.testing.TopicProbe;
import io.authpipe.events.ConnectionEvent;
import io.authpipe.events.CredentialUpdated;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.sandbox.mastodon.SandboxBrowser;
import io.authpipe.topics.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What a tenant's backend and an operator do to a running shape, over real HTTP and Kafka. */
final class ShapeClient {
    static final String RETURN_TO = "https://app.example/connected";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ShapeLayout layout;

    ShapeClient(ShapeLayout layout) {
        this.layout = layout;
    }

    /** A new tenant, created through broker-api {@code instance}'s admin API. */
    TestTenant createTenant(int instance) {
        String id = "shape-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply reply = new Api(layout.apiUrl(instance), layout.adminToken()).post("/admin/v1/tenants",
                Map.of("tenantId", id, "displayName", "Tenant " + id, "returnUrls", List.of(RETURN_TO)));
        if (reply.status() != 201) {
            throw new IllegalStateException("tenant creation failed: " + reply.status() + " " + reply.error());
        }
        return new TestTenant(id, reply.json().path("apiKey").asText(), RETURN_TO);
    }

    /**
     * Connects {@code userId} as the sandbox user {@code username} through the real flow on broker-api
     * {@code instance}: connect, sign in, consent, callback. Returns the callback's status.
     */
    int connect(int instance, TestTenant tenant, String userId, String username, String password) {
        Api api = new Api(layout.apiUrl(instance), tenant.apiKey());
        Api.Reply reply = api.post("/v1/connect", Map.of("provider", "mastodon", "userId", userId,
                "instance", layout.sandboxUrl(), "scopes", List.of("read"), "returnTo", tenant.returnTo()));
        if (reply.status() != 200) {
            throw new IllegalStateException("connect failed: " + reply.status() + " " + reply.error());
        }
        SandboxBrowser browser = new SandboxBrowser();
        URI callback = browser.approve(reply.json().path("authorizeUrl").asText(), username, password);
        return Api.browse(callback.toString(), browser).status();
    }

    /** getCredential on broker-api {@code instance}: the status and, on 200, the body. Never throws. */
    Read credential(int instance, TestTenant tenant, String userId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(layout.apiUrl(instance)
                        + "/v1/credentials/mastodon/" + userId))
                .header("Authorization", "Bearer " + tenant.apiKey()).timeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> reply = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(reply.body());
            return reply.statusCode() == 200 ? new Read(200, Optional.of(body))
                    : new Read(reply.statusCode(), Optional.empty(), body.path("error").asText("?"));
        } catch (IOException e) {
            return new Read(0, Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Read(0, Optional.empty());
        }
    }

    /** One answer of getCredential; status 0 when no answer came (connection refused, timeout). */
    record Read(int status, Optional<JsonNode> body, String error) {
        Read(int status, Optional<JsonNode> body) {
            this(status, body, "");
        }

        long version() {
            return body.map(b -> b.path("version").asLong()).orElse(-1L);
        }

        String credentialStatus() {
            return body.map(b -> b.path("status").asText()).orElse("");
        }
    }

    /** The tenant's connections as broker-api {@code instance} lists them, by user id. */
    Map<String, JsonNode> connections(int instance, TestTenant tenant) {
        Map<String, JsonNode> byUser = new HashMap<>();
        for (JsonNode c : new Api(layout.apiUrl(instance), tenant.apiKey()).get("/v1/connections").json()
                .path("connections")) {
            byUser.put(c.path("userId").asText(), c);
        }
        return byUser;
    }

    /** Whether the sandbox accepts {@code accessToken} ({@code verify_credentials} answers 200). */
    boolean sandboxAccepts(String accessToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(layout.sandboxUrl()
                        + "/api/v1/accounts/verify_credentials"))
                .header("Authorization", "Bearer " + accessToken).timeout(Duration.ofSeconds(5)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The sandbox's refresh counters: {@code issued}, {@code replays_detected}, {@code tokens_revoked}.... */
    JsonNode sandboxCounters() {
        return Api.browse(layout.sandboxUrl() + "/_sandbox/refreshes").json();
    }

    /** Every committed {@code ConnectionEvent} of the tenant's connections, in topic order per partition. */
    List<ConnectionEvent> connectionEvents(TestTenant tenant) {
        return tenantRecords(tenant, Topics.CONNECTION_EVENTS, ConnectionEvent.class);
    }

    /** Every committed {@code CredentialUpdated} of the tenant's connections, in topic order per partition. */
    List<CredentialUpdated> credentialUpdates(TestTenant tenant) {
        return tenantRecords(tenant, Topics.CREDENTIAL_UPDATED, CredentialUpdated.class);
    }

    private <T extends SpecificRecord> List<T> tenantRecords(TestTenant tenant, String topic, Class<T> type) {
        AvroSerde<T> serde = AvroSerde.of(type, SchemaRegistry.none());
        String prefix = tenant.id() + ":";
        return new TopicProbe(layout.bootstrapServers()).records(topic).stream()
                .filter(r -> r.key() != null && r.key().startsWith(prefix) && r.value() != null)
                .map(ConsumerRecord::value).map(v -> serde.deserialize(topic, v)).toList();
    }
}
