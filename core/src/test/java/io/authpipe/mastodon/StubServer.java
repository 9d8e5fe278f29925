package io.authpipe.mastodon;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK HTTP server on {@code 127.0.0.1} that answers every request with one fixed response: a proxy error page,
 * or a plausible JSON body. Counts the requests it saw.
 */
final class StubServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private StubServer(int status, String contentType, String body) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
                in.readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", contentType);
                exchange.sendResponseHeaders(status, bytes.length);
                out.write(bytes);
            }
        });
        server.start();
    }

    static StubServer answering(int status, String contentType, String body) {
        return new StubServer(status, contentType, body);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** {@code 127.0.0.1:<port>}, the allow-list entry for this server. */
    String authority() {
        return "127.0.0.1:" + port();
    }

    int requests() {
        return requests.get();
    }

    /** A loopback port nothing listens on (bound, read, released). */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
