package io.authpipe.sdk.stack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on loopback in front of broker-api, so tests can break the SDK's connections: {@link #cut()} closes
 * every proxied connection (clients reconnect at once), {@link #blockEventStreams(boolean)} also refuses new
 * connections whose first request is {@code GET /v1/events} (credential requests still pass).
 */
public final class TcpProxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpProxy.class);
    private static final int MAX_REQUEST_LINE = 8192;

    private final ServerSocket listener;
    private final int upstreamPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean blockEvents;
    private volatile boolean closed;

    private TcpProxy(ServerSocket listener, int upstreamPort) {
        this.listener = listener;
        this.upstreamPort = upstreamPort;
    }

    public static TcpProxy start(int upstreamPort) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        TcpProxy proxy = new TcpProxy(listener, upstreamPort);
        daemon("proxy-accept", proxy::acceptLoop).start();
        return proxy;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Closes every proxied connection now. */
    public void cut() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        LOG.info("proxy cut every connection");
    }

    /** While true, new event-stream connections are closed before reaching broker-api. */
    public void blockEventStreams(boolean block) {
        blockEvents = block;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                open.add(client);
                daemon("proxy-conn", () -> serve(client)).start();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("proxy accept failed", e);
                }
            }
        }
    }

    private void serve(Socket client) {
        try {
            byte[] firstLine = requestLine(client.getInputStream());
            if (blockEvents && new String(firstLine, StandardCharsets.US_ASCII).startsWith("GET /v1/events")) {
                closeQuietly(client);
                return;
            }
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
            open.add(upstream);
            upstream.getOutputStream().write(firstLine);
            daemon("proxy-up", () -> pump(client, upstream)).start();
            pump(upstream, client);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private static byte[] requestLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            line.write(b);
            if (b == '\n' || line.size() >= MAX_REQUEST_LINE) {
                break;
            }
        }
        return line.toByteArray();
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (SocketException e) {
            // cut, or the other side went away
        } catch (IOException e) {
            LOG.debug("proxy pump ended error={}", e.getClass().getSimpleName());
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing a proxied socket failed");
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        cut();
    }
}
