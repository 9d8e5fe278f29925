package io.authpipe.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback playing broker-api for the SDK's unit tests: scripted answers per credential path
 * (the last one repeats), an event stream the test writes frames to, and what the client sent.
 */
final class FakeBroker implements AutoCloseable {
    /** One scripted answer. */
    record Answer(int status, String body, Map<String, String> headers) {
        static Answer json(int status, String body) {
            return new Answer(status, body, Map.of());
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, List<Answer>> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final List<OutputStream> streams = new CopyOnWriteArrayList<>();
    private final List<String> lastEventIds = new CopyOnWriteArrayList<>();
    private final AtomicInteger streamsOpened = new AtomicInteger();
    private volatile Answer eventsAnswer;
    private volatile CountDownLatch gate = new CountDownLatch(0);

    FakeBroker() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/v1/credentials/", this::credential);
        server.createContext("/v1/events", this::events);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers {@code GET /v1/credentials/{provider}/{userId}} with these in turn, the last one from then on. */
    void answer(String provider, String userId, Answer... script) {
        answers.put("/v1/credentials/" + provider + "/" + userId, new CopyOnWriteArrayList<>(List.of(script)));
    }

    int requests(String provider, String userId) {
        AtomicInteger n = requests.get("/v1/credentials/" + provider + "/" + userId);
        return n == null ? 0 : n.get();
    }

    /** Credential answers wait until {@link #open()}. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void open() {
        gate.countDown();
    }

    /** {@code GET /v1/events} answers this instead of a stream (null: stream). */
    void refuseEvents(Answer answer) {
        eventsAnswer = answer;
    }

    /** Writes one SSE frame to every open stream. */
    void push(String frame) {
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        for (OutputStream out : streams) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                streams.remove(out);
            }
        }
    }

    void ready(String cursor, boolean resumed) {
        push("event: ready\nid: " + cursor + "\ndata: {\"tenantId\":\"acme\",\"resumed\":" + resumed
                + ",\"heartbeatSeconds\":15}\n\n");
    }

    void change(String type, String cursor, String provider, String userId, long version, String updatedAt) {
        push("event: " + type + "\nid: " + cursor + "\ndata: {\"type\":\"" + type + "\",\"provider\":\"" + provider
                + "\",\"userId\":\"" + userId + "\",\"version\":" + version + ",\"status\":\"active\","
                + "\"updatedAt\":\"" + updatedAt + "\",\"scopes\":[\"read\"]}\n\n");
    }

    int openStreams() {
        return streams.size();
    }

    int streamsOpened() {
        return streamsOpened.get();
    }

    /** The {@code Last-Event-ID} of every stream request, "" when absent. */
    List<String> lastEventIds() {
        return lastEventIds;
    }

    /** Ends every open stream. */
    void dropStreams() {
        for (OutputStream out : streams) {
            streams.remove(out);
            try {
                out.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }

    private void credential(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Answer> script = answers.getOrDefault(path, List.of(Answer.json(404,
                "{\"error\":\"connection_not_found\",\"message\":\"no connection\"}")));
        Answer answer = script.size() > 1 ? script.remove(0) : script.get(0);
        send(exchange, answer);
    }

    private void events(HttpExchange exchange) throws IOException {
        lastEventIds.add(String.valueOf(exchange.getRequestHeaders().getOrDefault("Last-Event-ID", List.of(""))
                .get(0)));
        streamsOpened.incrementAndGet();
        Answer refusal = eventsAnswer;
        if (refusal != null) {
            send(exchange, refusal);
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.flush();
        streams.add(out);
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        open();
        dropStreams();
        server.stop(0);
        threads.shutdownNow();
    }
}
