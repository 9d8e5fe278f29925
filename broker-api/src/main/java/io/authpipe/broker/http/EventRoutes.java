package io.authpipe.broker.http;

import io.authpipe.broker.api.ApiProblem;
import io.authpipe.broker.events.EventCursor;
import io.authpipe.broker.events.EventSink;
import io.authpipe.broker.events.EventStreams;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code GET /v1/events}: the tenant's push channel, as Server-Sent Events (see {@link EventStreams}), whatever the
 * client's {@code Accept} header says. What can be refused is refused before the stream starts, as a JSON error: a
 * {@code Last-Event-ID} that is no cursor (400 {@code invalid_last_event_id}), all of the tenant's stream slots
 * taken (429 {@code too_many_streams}).
 */
final class EventRoutes {
    static final String PATH = "/v1/events";

    private final EventStreams streams;

    EventRoutes(EventStreams streams) {
        this.streams = streams;
    }

    void register(Javalin app) {
        app.get(PATH, this::stream);
    }

    private void stream(Context ctx) throws IOException {
        Optional<EventCursor> resume = resumeFrom(ctx);
        String tenant = TenantAuth.tenant(ctx).id().value();
        if (!streams.reserve(tenant)) {
            throw ApiProblem.of(429, "too_many_streams", "this tenant has as many event streams open on this"
                    + " instance as it may; close one, or read the Kafka topic authpipe.credential-updated").toException();
        }
        try {
            HttpServletResponse response = ctx.res();
            response.setStatus(200);
            response.setCharacterEncoding("UTF-8");
            response.setContentType("text/event-stream");
            response.addHeader("Cache-Control", "no-store");
            response.addHeader("X-Accel-Buffering", "no");
            response.flushBuffer();
            ctx.async(config -> config.timeout = 0L, () -> {
                SseClient client = new SseClient(ctx);
                client.keepAlive();
                streams.open(tenant, resume, new SseSink(client));
            });
        } catch (IOException | RuntimeException e) {
            streams.release(tenant);
            throw e;
        }
    }

    private Optional<EventCursor> resumeFrom(Context ctx) {
        String lastEventId = ctx.header("Last-Event-ID");
        if (lastEventId == null || lastEventId.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(streams.cursor(lastEventId).orElseThrow(() -> ApiProblem.badRequest(
                "invalid_last_event_id", "Last-Event-ID is not an id this stream sent; reconnect without it")
                .toException()));
    }

    /** A Javalin SSE client as an {@link EventSink}. */
    private record SseSink(SseClient client) implements EventSink {
        @Override
        public void event(String name, String id, String data) {
            client.sendEvent(name, data, id);
        }

        @Override
        public void comment(String text) {
            client.sendComment(text);
        }

        @Override
        public boolean isOpen() {
            return !client.terminated();
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
