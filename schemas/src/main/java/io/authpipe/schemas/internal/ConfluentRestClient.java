package io.authpipe.schemas.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authpipe.schemas.SchemaRegistryException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.avro.Schema;

/**
 * {@link RegistryClient} over the Confluent REST API (Confluent, Apicurio ccompat, Karapace, Redpanda):
 * {@code POST {base}/subjects/{subject}/versions} with {@code {"schemaType":"AVRO","schema":"..."}} answers
 * {@code {"id":N}}; {@code GET {base}/schemas/ids/{id}} answers {@code {"schema":"..."}}.
 * No caching here (see {@link CachingRegistryClient}). Built once, thread-safe.
 */
public final class ConfluentRestClient implements RegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryEndpoint endpoint;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * Creates a client.
     *
     * @param endpoint where the registry is
     * @param timeout connect timeout and whole-request timeout of every call
     */
    public ConfluentRestClient(RegistryEndpoint endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    @Override
    public int register(String subject, Schema schema) {
        String body = JSON.createObjectNode().put("schemaType", "AVRO").put("schema", schema.toString()).toString();
        URI uri = endpoint.resolve("/subjects/" + pathSegment(subject) + "/versions");
        HttpRequest request = request(uri).header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        JsonNode id = send(request, "register schema under subject " + subject).path("id");
        if (!id.canConvertToInt()) {
            throw RegistryResponses.malformed(endpoint, "registering under subject " + subject, "no integer id");
        }
        return id.intValue();
    }

    @Override
    public Schema schemaById(int id) {
        HttpRequest request = request(endpoint.resolve("/schemas/ids/" + id)).GET().build();
        JsonNode answer = send(request, "fetch schema id " + id);
        String type = answer.path("schemaType").asText("AVRO");
        if (!answer.path("schema").isTextual() || !type.equals("AVRO")) {
            throw RegistryResponses.malformed(endpoint, "fetching schema id " + id, "no Avro schema");
        }
        try {
            return new Schema.Parser().parse(answer.path("schema").textValue());
        } catch (RuntimeException e) {
            throw RegistryResponses.malformed(endpoint, "fetching schema id " + id, "unparseable Avro schema");
        }
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", CONTENT_TYPE + ", application/json");
        endpoint.authorization().ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }

    private JsonNode send(HttpRequest request, String action) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw RegistryResponses.unreachable(endpoint, action, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryResponses.unreachable(endpoint, action, e);
        }
        return RegistryResponses.successBody(endpoint, action, response.statusCode(), response.body());
    }

    private static String pathSegment(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
