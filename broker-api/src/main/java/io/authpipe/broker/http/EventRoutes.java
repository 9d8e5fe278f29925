package io.authpipe.broker.http;

import io.authpipe.broker.api.ApiProblem;
import io.authpipe.broker.events.EventCursor;
import io.authpipe.broker.events.EventSink;
import io.authpipe.broker.events.EventStreams;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.util.Optional;

/**
 * {@code GET /v1/events}: the tenant's push channel, as Server-Sent Events (see {@link EventStreams}). What can be
 * refused is refused before the stream starts, as a JSON error: a {@code Last-Event-ID} that is no cursor (400
 * {@code invalid_last_event_id}), all of the tenant's stream slots taken (429 {@code too_many_streams}).
 */
final class EventRoutes {
    static final String PATH = "/v1/events";
    private static final String RESUME = "authpipe.events.resume";

    private final EventStreams streams;

    EventRoutes(EventStreams streams) {
        this.streams = streams;
    }

    void register(Javalin app) {
        app.before(PATH, this::admit);
        app.sse(PATH, this::stream);
    }

    private void admit(Context ctx) {
        String lastEventId = ctx.header("Last-Event-ID");
        Optional<EventCursor> resume = Optional.empty();
        if (lastEventId != null && !lastEventId.isBlank()) {
            resume = Optional.of(streams.cursor(lastEventId).orElseThrow(() -> ApiProblem.badRequest(
                    "invalid_last_event_id", "Last-Event-ID is not an id this stream sent; reconnect without it")
                    .toException()));
        }
        if (!streams.reserve(TenantAuth.tenant(ctx).id().value())) {
            throw ApiProblem.of(429, "too_many_streams", "this tenant has as many event streams open on this"
                    + " instance as it may; close one, or read the Kafka topic authpipe.credential-updated").toException();
        }
        ctx.attribute(RESUME, resume);
        ctx.header("X-Accel-Buffering", "no");
    }

    private void stream(SseClient client) {
        client.keepAlive();
        Optional<EventCursor> resume = client.ctx().attribute(RESUME);
        streams.open(TenantAuth.tenant(client.ctx()).id().value(), resume, new SseSink(client));
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
