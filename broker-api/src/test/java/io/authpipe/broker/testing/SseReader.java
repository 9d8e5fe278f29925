package io.authpipe.broker.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A test's Server-Sent Events client of {@code GET /v1/events}: reads frames on a thread of its own, keeping every
 * frame and the raw text (for scanning), until closed.
 */
public final class SseReader implements AutoCloseable {
    /** One event: its name, id and data. */
    public record Frame(String event, String id, String data) {
    }

    private final HttpResponse<InputStream> response;
    private final List<Frame> frames = new CopyOnWriteArrayList<>();
    private final StringBuffer raw = new StringBuffer();
    private final Thread reader;

    private SseReader(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-reader");
        reader.setDaemon(true);
        if (response.statusCode() == 200) {
            reader.start();
        }
    }

    public static SseReader open(String baseUrl, String apiKey, Optional<String> lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/events"))
                .header("Authorization", "Bearer " + apiKey); // no Accept header: the server streams regardless
        lastEventId.ifPresent(id -> request.header("Last-Event-ID", id));
        try {
            return new SseReader(HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    /** The body of a refused stream (a JSON error). */
    public String errorBody() {
        try (InputStream in = response.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Frame> frames() {
        return List.copyOf(frames);
    }

    public String raw() {
        return raw.toString();
    }

    /** The first frame matching {@code condition}, waiting up to {@code within} for it. */
    public Frame await(Predicate<Frame> condition, Duration within) {
        return Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(20))
                .until(() -> frames.stream().filter(condition).findFirst(), Optional::isPresent).orElseThrow();
    }

    public boolean isOpen() {
        return reader.isAlive();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            String event = "message";
            String id = null;
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                raw.append(line).append('\n');
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        frames.add(new Frame(event, id, data.toString()));
                    }
                    event = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).strip());
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // already closed
        }
        reader.interrupt();
    }
}
