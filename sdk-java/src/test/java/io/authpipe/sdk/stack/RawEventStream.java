package io.authpipe.sdk.stack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** {@code GET /v1/events} read byte for byte into memory, to scan what the server really sends. */
final class RawEventStream implements AutoCloseable {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final HttpClient http;
    private final InputStream in;

    /** Holds {@code http}: a JDK client that becomes unreachable stops its connections. */
    private RawEventStream(HttpClient http, InputStream in) {
        this.http = http;
        this.in = in;
        Thread reader = new Thread(this::read, "raw-events");
        reader.setDaemon(true);
        reader.start();
    }

    static RawEventStream open(String apiUrl, String apiKey) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(
                URI.create(apiUrl + "/v1/events")).header("Authorization", "Bearer " + apiKey)
                .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("events answered " + response.statusCode());
        }
        return new RawEventStream(http, response.body());
    }

    private void read() {
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (bytes) {
                    bytes.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // closed by the test
        }
    }

    String text() {
        assert http != null;
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** The event names and ids received, for failure messages (no data lines). */
    String outline() {
        return text().lines().filter(l -> l.startsWith("event:") || l.startsWith(":")).toList().toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
