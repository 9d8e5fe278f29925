package io.authpipe.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * A real HTTP server on loopback playing the two Confluent schema registry endpoints the serde uses, with the same
 * semantics: ids are registry-wide, the same schema under two subjects gets the same id, unknown ids are 404
 * with error_code 40403. Ids start at 257 so that the big-endian id spans two bytes.
 */
final class FakeConfluentRegistry implements AutoCloseable {

    record Request(String method, String path, String contentType, String authorization, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern FETCH = Pattern.compile("/schemas/ids/(-?\\d+)");

    private final HttpServer server;
    private final String basePath;
    private final String requiredAuthorization;
    private final AtomicInteger nextId = new AtomicInteger(257);
    private final Map<String, Integer> idsBySchema = new ConcurrentHashMap<>();
    private final Map<Integer, String> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Integer> refusedSubjects = new ConcurrentHashMap<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakeConfluentRegistry(String basePath, String requiredAuthorization) throws IOException {
        this.basePath = basePath;
        this.requiredAuthorization = requiredAuthorization;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(basePath.isEmpty() ? "/" : basePath, this::handle);
        server.start();
    }

    static FakeConfluentRegistry start() throws IOException {
        return new FakeConfluentRegistry("", null);
    }

    /** A registry under a base path that demands this exact Authorization header. */
    static FakeConfluentRegistry start(String basePath, String requiredAuthorization) throws IOException {
        return new FakeConfluentRegistry(basePath, requiredAuthorization);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + basePath);
    }

    /** Registers directly, as another producer would have. */
    int register(Schema schema) {
        return idsBySchema.computeIfAbsent(new Schema.Parser().parse(schema.toString()).toString(), canonical -> {
            int id = nextId.getAndIncrement();
            schemasById.put(id, canonical);
            return id;
        });
    }

    void refuse(String subject, int status) {
        refusedSubjects.put(subject, status);
    }

    void failNext(int times) {
        failuresLeft.set(times);
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    long count(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(basePath.length());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(new Request(exchange.getRequestMethod(), path,
                    exchange.getRequestHeaders().getFirst("Content-Type"), authorization, body));
            if (requiredAuthorization != null && !requiredAuthorization.equals(authorization)) {
                respond(exchange, 401, error(40101, "Unauthorized"));
            } else if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                respond(exchange, 500, error(50001, "Error in the backend datastore"));
            } else {
                route(exchange, path, body);
            }
        }
    }

    private void route(HttpExchange exchange, String path, String body) throws IOException {
        Matcher register = REGISTER.matcher(path);
        Matcher fetch = FETCH.matcher(path);
        if (exchange.getRequestMethod().equals("POST") && register.matches()) {
            Integer refusal = refusedSubjects.get(register.group(1));
            if (refusal != null) {
                respond(exchange, refusal, error(refusal, "Schema being registered is incompatible"));
            } else if (!isConfluentJson(exchange)) {
                respond(exchange, 415, error(415, "Unsupported Media Type"));
            } else {
                JsonNode request = JSON.readTree(body);
                int id = register(new Schema.Parser().parse(request.path("schema").asText()));
                respond(exchange, 200, JSON.createObjectNode().put("id", id).toString());
            }
        } else if (exchange.getRequestMethod().equals("GET") && fetch.matches()) {
            String schema = schemasById.get(Integer.parseInt(fetch.group(1)));
            respond(exchange, schema == null ? 404 : 200, schema == null ? error(40403, "Schema not found")
                    : JSON.createObjectNode().put("schema", schema).toString());
        } else {
            respond(exchange, 404, error(404, "HTTP 404 Not Found"));
        }
    }

    private static String error(int code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message).toString();
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static boolean isConfluentJson(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        return type != null && type.startsWith("application/vnd.schemaregistry.v1+json");
    }
}
