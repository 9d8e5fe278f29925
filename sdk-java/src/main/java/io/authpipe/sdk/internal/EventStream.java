package io.authpipe.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.authpipe.api.model.ConnectionChange;
import io.authpipe.sdk.StreamState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code GET /v1/events} on a daemon thread and applies each change to the cache. Reconnects after every drop
 * with {@link Backoff}, sending {@code Last-Event-ID} so the server replays what was missed; a {@code ready} frame
 * with {@code resumed:false} (or a 400 {@code invalid_last_event_id}) makes every cached entry stale instead. A
 * stream silent for three heartbeats is taken as dead and reopened.
 */
public final class EventStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final Set<String> CHANGES = Set.of(ConnectionChange.UPDATED, ConnectionChange.REVOKED,
            "connection.deleted");
    private static final int DEFAULT_HEARTBEAT_SECONDS = 15;

    private final HttpClient http;
    private final URI url;
    private final String authorization;
    private final Duration timeout;
    private final CredentialCache cache;
    private final ObjectMapper json;
    private final Clock clock;
    private final Backoff backoff = new Backoff(bound -> ThreadLocalRandom.current().nextLong(bound));
    private final Object pause = new Object();
    private final Thread thread;
    private volatile StreamState state = StreamState.CONNECTING;
    private volatile boolean closed;
    private volatile InputStream body;
    private volatile long lastActivityMillis;
    private volatile int heartbeatSeconds = DEFAULT_HEARTBEAT_SECONDS;
    private String lastEventId;

    EventStream(HttpClient http, URI baseUrl, String authorization, Duration timeout, CredentialCache cache,
                ObjectMapper json, Clock clock) {
        this.http = http;
        this.url = URI.create(baseUrl + "/v1/events");
        this.authorization = authorization;
        this.timeout = timeout;
        this.cache = cache;
        this.json = json;
        this.clock = clock;
        this.thread = new Thread(this::run, "authpipe-events");
        thread.setDaemon(true);
    }

    void start(ScheduledExecutorService scheduler) {
        thread.start();
        scheduler.scheduleWithFixedDelay(this::abortIfSilent, 1, 1, TimeUnit.SECONDS);
    }

    public StreamState state() {
        return state;
    }

    private void run() {
        while (!closed) {
            state = StreamState.CONNECTING;
            try {
                connectOnce();
            } catch (IOException e) {
                LOG.debug("event stream dropped error={}", e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                LOG.warn("event stream failed", e);
            }
            cache.streamConnected(false);
            if (!closed) {
                state = StreamState.DISCONNECTED;
                pause(backoff.next());
            }
        }
        state = StreamState.CLOSED;
    }

    private void connectOnce() throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Authorization", authorization).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            body = in;
            if (closed) {
                return;
            }
            if (response.statusCode() == 200) {
                read(in);
            } else {
                refused(response.statusCode(), in.readAllBytes());
            }
        } finally {
            body = null;
        }
    }

    private void read(InputStream in) throws IOException {
        lastActivityMillis = clock.millis();
        SseParser parser = new SseParser(this::dispatch);
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null && !closed; line = lines.readLine()) {
            lastActivityMillis = clock.millis();
            parser.line(line);
        }
    }

    private void refused(int status, byte[] answer) {
        String code = errorCode(answer);
        if (status == 400 && "invalid_last_event_id".equals(code)) {
            LOG.info("event stream cannot resume from its last event; cached entries will be fetched again");
            lastEventId = null;
            cache.markAllStale();
            backoff.reset();
        } else {
            LOG.warn("event stream refused status={} error={}", status, code);
        }
    }

    private void dispatch(SseParser.Event event) {
        if (event.id() != null) {
            lastEventId = event.id();
        }
        try {
            if ("ready".equals(event.type())) {
                ready(json.readTree(event.data()));
            } else if (CHANGES.contains(event.type())) {
                cache.apply(event.type(), change(json.readTree(event.data())));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("event not applied type={} error={}", event.type(), e.getClass().getSimpleName());
        }
    }

    private void ready(JsonNode ready) {
        heartbeatSeconds = ready.path("heartbeatSeconds").asInt(DEFAULT_HEARTBEAT_SECONDS);
        if (!ready.path("resumed").asBoolean(false)) {
            cache.markAllStale();
        }
        cache.streamConnected(true);
        state = StreamState.CONNECTED;
        backoff.reset();
        LOG.debug("event stream connected resumed={}", ready.path("resumed").asBoolean(false));
    }

    private ConnectionChange change(JsonNode data) throws IOException {
        if (data instanceof ObjectNode object && !object.hasNonNull("scopes")) {
            object.putArray("scopes");
        }
        return json.treeToValue(data, ConnectionChange.class);
    }

    private String errorCode(byte[] answer) {
        try {
            return json.readTree(answer).path("error").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    private void abortIfSilent() {
        InputStream open = body;
        if (open != null && clock.millis() - lastActivityMillis > 3_000L * heartbeatSeconds) {
            LOG.info("event stream silent for three heartbeats; reconnecting");
            closeQuietly(open);
        }
    }

    private void pause(Duration delay) {
        long until = System.nanoTime() + delay.toNanos();
        synchronized (pause) {
            for (long left = delay.toMillis(); !closed && left > 0;
                 left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())) {
                try {
                    pause.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (pause) {
            pause.notifyAll();
        }
        InputStream open = body;
        if (open != null) {
            closeQuietly(open);
        }
        thread.interrupt();
        state = StreamState.CLOSED;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            LOG.debug("closing the event stream failed error={}", e.getClass().getSimpleName());
        }
    }
}
