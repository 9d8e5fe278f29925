package io.authpipe.broker.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authpipe.api.model.StreamReady;
import io.authpipe.broker.config.EventSettings;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One client's stream, on a thread of its own: announces itself, reads what the client missed since its
 * {@code Last-Event-ID}, then passes the feed's live changes on, with a heartbeat on quiet stretches. Live changes
 * wait in a bounded queue; a client that lets it fill is cut off (it resumes from its last id, losing nothing), so
 * a slow reader costs the server one queue, never more.
 */
final class EventSubscription implements EventFeed.Listener, Runnable {
    private final EventFeed feed;
    private final String tenant;
    private final Optional<EventCursor> resumeFrom;
    private final EventSink sink;
    private final EventSettings settings;
    private final ObjectMapper json;
    private final BlockingQueue<TenantChange> live;
    private volatile boolean overflowed;
    private EventCursor cursor;

    EventSubscription(EventFeed feed, String tenant, Optional<EventCursor> resumeFrom, EventSink sink,
                      EventSettings settings, ObjectMapper json) {
        this.feed = feed;
        this.tenant = tenant;
        this.resumeFrom = resumeFrom;
        this.sink = sink;
        this.settings = settings;
        this.json = json;
        this.live = new ArrayBlockingQueue<>(settings.buffer());
    }

    @Override
    public boolean offer(TenantChange change) {
        if (!live.offer(change)) {
            overflowed = true;
            return false;
        }
        return true;
    }

    @Override
    public void run() {
        EventCursor liveFrom = feed.subscribe(tenant, this);
        try {
            cursor = resumeFrom.orElse(liveFrom);
            sink.event("ready", cursor.toString(), write(new StreamReady(tenant, resumeFrom.isPresent(),
                    settings.heartbeat().toSeconds())));
            if (resumeFrom.isPresent()
                    && !feed.catchUp(tenant, cursor, liveFrom, this::send, settings.catchUpTimeout())) {
                return;
            }
            while (sink.isOpen() && !overflowed) {
                TenantChange change = live.poll(settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
                if (change == null) {
                    sink.comment("heartbeat");
                } else {
                    send(change);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the client went away mid-write, or Kafka failed a catch-up: the client resumes from its last id
        } finally {
            feed.unsubscribe(tenant, this);
            sink.close();
        }
    }

    private void send(TenantChange change) {
        if (cursor.isAhead(change.partition(), change.offset())) {
            cursor = cursor.after(change.partition(), change.offset());
            sink.event(change.change().type(), cursor.toString(), write(change.change()));
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an API model record failed to serialise", e);
        }
    }
}
