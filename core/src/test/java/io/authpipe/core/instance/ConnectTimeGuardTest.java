package io.authpipe.core.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import io.authpipe.mastodon.MastodonHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard where it counts: real connections over loopback through the client production builds
 * ({@link MastodonHttp#client}). An allow-list entry for the sandbox's {@code 127.0.0.1:port} must not open the
 * Kafka port on the same host, whatever the URL says (an IP literal, a name, an IPv6 spelling of the address).
 */
class ConnectTimeGuardTest {
    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    @Test
    void theAllowListedPortAnswersAndAnotherPortOfTheSameHostIsNeverConnected() throws Exception {
        // Given: the sandbox allow-listed as 127.0.0.1:<port>, a silent "Kafka" listener on another port
        Sandbox sandbox = sandbox("127.0.0.1");
        Listener kafka = listener("127.0.0.1");
        OkHttpClient client = client(new InstancePolicy(List.of("127.0.0.1:" + sandbox.port()), HostResolver.SYSTEM));

        // When
        int answered = status(client, "http://127.0.0.1:" + sandbox.port() + "/api/v1/instance");
        Throwable refused = catchThrowable(() -> status(client, "http://127.0.0.1:" + kafka.port() + "/"));

        // Then
        assertThat(answered).isEqualTo(200);
        assertThat(refused).isInstanceOf(UnknownHostException.class)
                .hasMessage("address not allowed for 127.0.0.1:" + kafka.port());
        assertThat(kafka.connectionsAccepted()).isZero();
    }

    @Test
    void anAllowListedNameOpensItsPortOnlyAndNotTheAddressItResolvesTo() throws Exception {
        // Given: the sandbox allow-listed by name
        Sandbox sandbox = sandbox("127.0.0.1");
        Listener kafka = listener("127.0.0.1");
        LiteralResolver resolver = new LiteralResolver().with("sandbox.test", "127.0.0.1");
        OkHttpClient client = client(new InstancePolicy(List.of("sandbox.test:" + sandbox.port()), resolver));

        // When / Then
        assertThat(status(client, "http://sandbox.test:" + sandbox.port() + "/")).isEqualTo(200);
        assertThat(catchThrowable(() -> status(client, "http://sandbox.test:" + kafka.port() + "/")))
                .isInstanceOf(UnknownHostException.class).hasMessageContaining("sandbox.test:" + kafka.port());
        assertThat(catchThrowable(() -> status(client, "http://127.0.0.1:" + sandbox.port() + "/")))
                .isInstanceOf(UnknownHostException.class);
        assertThat(kafka.connectionsAccepted()).isZero();
        assertThat(sandbox.requests()).isEqualTo(1);
    }

    @Test
    void anIpv6LoopbackEntryOpensItsPortOnly() throws Exception {
        // Given
        Sandbox sandbox = sandbox("::1");
        Listener kafka = listener("::1");
        OkHttpClient client = client(new InstancePolicy(List.of("[::1]:" + sandbox.port()), HostResolver.SYSTEM));

        // When / Then
        assertThat(status(client, "http://[::1]:" + sandbox.port() + "/")).isEqualTo(200);
        assertThat(status(client, "http://[0:0:0:0:0:0:0:1]:" + sandbox.port() + "/")).isEqualTo(200);
        assertThat(catchThrowable(() -> status(client, "http://[::1]:" + kafka.port() + "/")))
                .isInstanceOf(UnknownHostException.class);
        assertThat(kafka.connectionsAccepted()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "127.1", "127.0.0.2", "[::7f00:1]",
            "[64:ff9b::7f00:1]", "[2002:7f00:1::]", "[2001:0:4136:e378:8000:63bf:80ff:fffe]", "localhost",
            "[::1]", "0.0.0.0"})
    void otherSpellingsOfLoopbackDoNotOpenTheKafkaPort(String host) throws Exception {
        // Given: only the sandbox's port is allow-listed
        Sandbox sandbox = sandbox("127.0.0.1");
        Listener kafka = listener("::");
        OkHttpClient client = client(new InstancePolicy(List.of("127.0.0.1:" + sandbox.port()), HostResolver.SYSTEM));

        // When
        Throwable refused = catchThrowable(() -> status(client, "http://" + host + ":" + kafka.port() + "/"));

        // Then
        assertThat(refused).isInstanceOf(UnknownHostException.class).hasMessageContaining("not allowed");
        assertThat(kafka.connectionsAccepted()).isZero();
    }

    @Test
    void aNameThatPassedTheCheckAndThenRebindsToLoopbackIsRefusedAtConnectTime() throws Exception {
        // Given: the first answer is public, every later one the sandbox's loopback address
        Sandbox sandbox = sandbox("127.0.0.1");
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = host -> List.of(InetAddress.getByName(
                lookups.getAndIncrement() == 0 ? "93.184.216.34" : "127.0.0.1"));
        InstancePolicy policy = new InstancePolicy(List.of(), rebinding);
        InstanceAddress instance = InstanceAddress.parse("https://rebind.test:" + sandbox.port());

        // When
        InstancePolicy.Verdict verdict = policy.check(instance);
        Throwable refused = catchThrowable(() -> status(client(policy), instance.url("/")));

        // Then
        assertThat(verdict).isEqualTo(new InstancePolicy.Verdict.Allowed());
        assertThat(refused).isInstanceOf(UnknownHostException.class).hasMessage("address not allowed for rebind.test");
        assertThat(sandbox.requests()).isZero();
    }

    @Test
    void theSocketFactoryRefusesWhatTheDnsWouldHaveFiltered() {
        // Given: sockets made directly, not through OkHttp
        javax.net.SocketFactory sockets = new GuardedDns(
                new InstancePolicy(List.of("127.0.0.1:1"), HostResolver.SYSTEM)).socketFactory();

        // When / Then
        assertThat(catchThrowable(() -> sockets.createSocket("127.0.0.1", 2)))
                .isInstanceOf(UnknownHostException.class).hasMessage("address not allowed for 127.0.0.1:2");
        assertThat(catchThrowable(() -> sockets.createSocket(InetAddress.getByName("169.254.169.254"), 80)))
                .isInstanceOf(UnknownHostException.class);
        assertThat(catchThrowable(() -> sockets.createSocket().connect(
                InetSocketAddress.createUnresolved("example.com", 443)))).isInstanceOf(UnknownHostException.class);
    }

    private static OkHttpClient client(InstancePolicy policy) {
        return MastodonHttp.client(policy, "Authpipe-test", Duration.ofSeconds(5));
    }

    private static int status(OkHttpClient client, String url) throws IOException {
        try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            return response.code();
        }
    }

    private Sandbox sandbox(String bind) {
        Sandbox sandbox = new Sandbox(bind);
        servers.add(sandbox);
        return sandbox;
    }

    private Listener listener(String bind) {
        Listener listener = new Listener(bind);
        servers.add(listener);
        return listener;
    }

    /** A JDK HTTP server answering every request with a small JSON body, counting requests. */
    private static final class Sandbox implements AutoCloseable {
        private final HttpServer server;
        private final AtomicInteger requests = new AtomicInteger();

        Sandbox(String bind) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bind), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byte[] body = "{\"domain\":\"sandbox.test\"}".getBytes(StandardCharsets.UTF_8);
            server.createContext("/", exchange -> {
                requests.incrementAndGet();
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        int requests() {
            return requests.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /**
     * A listening socket that never answers, standing in for Kafka: connections a client made wait in its backlog,
     * so a non-blocking accept after the call tells whether one was made at all.
     */
    private static final class Listener implements AutoCloseable {
        private final ServerSocketChannel channel;

        Listener(String bind) {
            try {
                channel = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getByName(bind), 0));
                channel.configureBlocking(false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int port() {
            return channel.socket().getLocalPort();
        }

        int connectionsAccepted() throws IOException {
            int accepted = 0;
            for (SocketChannel c = channel.accept(); c != null; c = channel.accept()) {
                c.close();
                accepted++;
            }
            return accepted;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
