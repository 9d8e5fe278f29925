package io.authpipe.sdk.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The harness over HTTP on 127.0.0.1, for the Node SDK's integration tests (JSON in and out; 500 with
 * {@code {"error"}} when an action fails):
 * <ul>
 *   <li>{@code POST /connect {"tenant":"main"|"other","userId"}} → {@code {"userId","version"}}</li>
 *   <li>{@code POST /revoke {"tenant","userId"}} → {@code {"revokedAtMs"}}</li>
 *   <li>{@code GET /requests} → {@code {"getCredential": n}} (broker-api's count, across restarts)</li>
 *   <li>{@code POST /cut} → {@code {}}: every proxied connection closed</li>
 *   <li>{@code POST /restart} → {@code {}} once broker-api serves again</li>
 *   <li>{@code POST /accepts {"token"}} → {@code {"accepted": bool}}: does the sandbox accept that access token</li>
 * </ul>
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads;

    private ControlServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    public static ControlServer start(SdkStack stack) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        server.setExecutor(threads);
        route(server, "/connect", body -> {
            String userId = body.path("userId").asText();
            return Map.of("userId", userId, "version", stack.connect(tenant(stack, body), userId));
        });
        route(server, "/revoke", body -> Map.of("revokedAtMs",
                stack.revoke(tenant(stack, body), body.path("userId").asText())));
        route(server, "/requests", body -> Map.of("getCredential", stack.serverGetCredentialCount()));
        route(server, "/cut", body -> {
            stack.proxy().cut();
            return Map.of();
        });
        route(server, "/restart", body -> {
            stack.restartBrokerApi();
            return Map.of();
        });
        route(server, "/accepts", body -> Map.of("accepted", stack.accepts(body.path("token").asText())));
        server.start();
        return new ControlServer(server, threads);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static SdkStack.Tenant tenant(SdkStack stack, JsonNode body) {
        return stack.tenant(body.path("tenant").asText("main"));
    }

    private static void route(HttpServer server, String path, Function<JsonNode, Map<String, ?>> action) {
        server.createContext(path, exchange -> {
            try {
                byte[] in = exchange.getRequestBody().readAllBytes();
                JsonNode body = in.length == 0 ? JSON.createObjectNode() : JSON.readTree(in);
                answer(exchange, 200, action.apply(body));
            } catch (RuntimeException | IOException e) {
                LOG.warn("control {} failed", path, e);
                answer(exchange, 500, Map.of("error", String.valueOf(e.getMessage())));
            } finally {
                exchange.close();
            }
        });
    }

    private static void answer(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
