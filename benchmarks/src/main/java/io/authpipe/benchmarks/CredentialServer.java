package io.authpipe.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A loopback HTTP server answering {@code GET /v1/credentials/{provider}/{userId}} with a credential of its own for
 * each user (a 43-character token, no expiry) and {@code GET /v1/events} with 503, for the SDK's cache benchmarks:
 * the cache is filled once over real HTTP, then measured.
 */
final class CredentialServer implements AutoCloseable {
    static final String API_KEY = "ap_bench_" + "k".repeat(43);
    static final String TENANT = "bench";

    private final HttpServer server;
    private final SecureRandom random = new SecureRandom();

    CredentialServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/credentials/", this::credential);
        server.createContext("/v1/events", exchange -> send(exchange, 503,
                "{\"error\":\"unavailable\",\"message\":\"no stream in benchmarks\"}"));
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void credential(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String userId = path.substring(path.lastIndexOf('/') + 1);
        byte[] token = new byte[32];
        random.nextBytes(token);
        send(exchange, 200, "{\"credential\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(token)
                + "\",\"tokenType\":\"Bearer\",\"scopes\":[\"read\",\"write\"],\"expiresAt\":null,"
                + "\"status\":\"active\",\"version\":1,\"instance\":\"https://mastodon.example\",\"account\":{"
                + "\"id\":\"1090" + userId.hashCode() + "\",\"username\":\"" + userId + "\",\"acct\":\"" + userId
                + "\",\"url\":\"https://mastodon.example/@" + userId + "\",\"uri\":null,\"displayName\":\"" + userId
                + "\"},\"refresh\":null,\"health\":null}");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
