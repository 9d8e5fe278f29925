package io.authpipe.core.ops;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** {@code GET /metrics} in the Prometheus text format, for a worker run as its own process. */
public final class MetricsEndpoint implements AutoCloseable {
    private final HttpServer server;

    private MetricsEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Serves {@code scrape} (the registry's Prometheus text) on {@code port}. */
    public static MetricsEndpoint start(int port, Supplier<String> scrape) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            server.createContext("/metrics", exchange -> {
                byte[] body = scrape.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return new MetricsEndpoint(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on port " + port, e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
