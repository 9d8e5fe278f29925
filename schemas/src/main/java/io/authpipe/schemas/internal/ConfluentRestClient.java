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
import java.util.HashSet;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * {@link RegistryClient} over the Confluent REST API (Confluent, Apicurio ccompat, Karapace, Redpanda):
 * {@code POST {base}/subjects/{subject}/versions} with {@code {"schemaType":"AVRO","schema":"..."}} answers
 * {@code {"id":N}}; {@code GET {base}/schemas/ids/{id}} answers {@code {"schema":"...","references":[...]}}, each
 * reference fetched from {@code GET {base}/subjects/{subject}/versions/{version}}; {@code PUT {base}/config/{subject}}
 * sets a subject's compatibility level.
 * No caching here (see {@link CachingRegistryClient}). Built once, thread-safe.
 */
public final class ConfluentRestClient implements RegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    /** At most this many schemas referenced, directly or not, by one schema: a registry cannot make us walk more. */
    static final int MAX_REFERENCES = 64;
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
        String action = "fetching schema id " + id;
        JsonNode answer = send(request(endpoint.resolve("/schemas/ids/" + id)).GET().build(), "fetch schema id " + id);
        Schema.Parser parser = new Schema.Parser();
        defineReferences(answer.path("references"), parser, new HashSet<>(), action);
        return parse(parser, answer, action);
    }

    @Override
    public void setCompatibility(String subject, String level) {
        String body = JSON.createObjectNode().put("compatibility", level).toString();
        HttpRequest request = request(endpoint.resolve("/config/" + pathSegment(subject)))
                .header("Content-Type", CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        send(request, "set compatibility " + level + " on subject " + subject);
    }

    /**
     * Parses, depth first, the schemas a schema references ({@code [{"name","subject","version"}]}), so that the
     * names they define are known to {@code parser} when the referencing schema is parsed.
     */
    private void defineReferences(JsonNode references, Schema.Parser parser, Set<String> fetched, String action) {
        for (JsonNode reference : references) {
            String subject = reference.path("subject").asText("");
            String version = reference.path("version").asText("");
            if (subject.isEmpty() || version.isEmpty()) {
                throw RegistryResponses.malformed(endpoint, action, "a schema reference without subject or version");
            }
            if (!fetched.add(subject + '/' + version)) {
                continue;
            }
            if (fetched.size() > MAX_REFERENCES) {
                throw RegistryResponses.refused(endpoint, action, "more than " + MAX_REFERENCES
                        + " schema references");
            }
            String what = "referenced schema " + reference.path("name").asText("?") + " (subject " + subject
                    + " version " + version + ")";
            JsonNode referenced = send(request(endpoint.resolve("/subjects/" + pathSegment(subject) + "/versions/"
                    + pathSegment(version))).GET().build(), "fetch " + what);
            defineReferences(referenced.path("references"), parser, fetched, action);
            parse(parser, referenced, action + ", " + what);
        }
    }

    private Schema parse(Schema.Parser parser, JsonNode answer, String action) {
        String type = answer.path("schemaType").asText("AVRO");
        if (!answer.path("schema").isTextual() || !type.equals("AVRO")) {
            throw RegistryResponses.refused(endpoint, action, "a " + type + " schema, not an Avro one");
        }
        try {
            return parser.parse(answer.path("schema").textValue());
        } catch (SchemaParseException e) {
            throw RegistryResponses.refused(endpoint, action, "an Avro schema that does not parse ("
                    + e.getMessage() + ")");
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
