package io.authpipe.kms.emulator.internal;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK HTTP server on 127.0.0.1 and an ephemeral port, serving one handler at {@code /} from a few daemon
 * threads (a forgotten server never keeps a JVM alive). Not API.
 *
 * <p>The JDK server writes response headers and body in two TCP writes; with Nagle's algorithm on, the body
 * then waits for the client's delayed ACK, about 40 ms per call. So this class sets the JDK's
 * {@code sun.net.httpserver.nodelay} system property to {@code true} unless it is already set; the JDK reads
 * it once, when its first HTTP server in the JVM starts.
 */
public final class LoopbackServer implements AutoCloseable {

    private static final int THREADS = 4;
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LoopbackServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds and starts; returns once the server accepts connections.
     *
     * @throws UncheckedIOException if no loopback port can be bound
     */
    public static LoopbackServer start(HttpHandler handler) {
        return start(handler, 0);
    }

    /** Binds {@code 127.0.0.1:port} ({@code 0}: ephemeral) and starts. */
    public static LoopbackServer start(HttpHandler handler, int port) {
        HttpServer server = bind(port);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads(server));
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
        return new LoopbackServer(server, executor);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Stops at once, closing open connections. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private static HttpServer bind(int port) {
        try {
            InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
            return HttpServer.create(new InetSocketAddress(loopback, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not bind a loopback port", e);
        }
    }

    private static ThreadFactory daemonThreads(HttpServer server) {
        AtomicInteger count = new AtomicInteger();
        int port = server.getAddress().getPort();
        return runnable -> {
            Thread thread = new Thread(runnable, "kms-emulator-" + port + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
