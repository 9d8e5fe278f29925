package io.authpipe.broker.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.authpipe.api.model.ApiJson;
import io.authpipe.broker.config.EventSettings;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The push channel {@code GET /v1/events}: each tenant's streams on this instance, at most
 * {@link EventSettings#maxStreamsPerTenant()} of them, each on its own thread over the shared {@link EventFeed}.
 */
public final class EventStreams implements AutoCloseable {
    private final EventFeed feed;
    private final EventSettings settings;
    private final ObjectMapper json = ApiJson.mapper();
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "authpipe-event-stream-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    public EventStreams(EventFeed feed, EventSettings settings) {
        this.feed = feed;
        this.settings = settings;
    }

    /** The cursor a client sent as {@code Last-Event-ID}; empty when it is not one of this topic's cursors. */
    public Optional<EventCursor> cursor(String lastEventId) {
        return EventCursor.parse(lastEventId, feed.partitions());
    }

    /** Takes one of {@code tenant}'s stream slots; false when all are taken. */
    public boolean reserve(String tenant) {
        AtomicInteger count = open.computeIfAbsent(tenant, t -> new AtomicInteger());
        if (count.incrementAndGet() > settings.maxStreamsPerTenant()) {
            count.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Frees a slot {@link #reserve reserved} for a stream that did not start. */
    public void release(String tenant) {
        open.get(tenant).decrementAndGet();
    }

    /** Runs a stream in a slot {@link #reserve reserved} for {@code tenant}; the slot frees when it ends. */
    public void open(String tenant, Optional<EventCursor> resumeFrom, EventSink sink) {
        EventSubscription subscription = new EventSubscription(feed, tenant, resumeFrom, sink, settings, json);
        try {
            executor.execute(() -> {
                try {
                    subscription.run();
                } finally {
                    release(tenant);
                }
            });
        } catch (RejectedExecutionException e) { // closing
            release(tenant);
            sink.close();
        }
    }

    /** Open streams, by tenant. */
    public int openStreams(String tenant) {
        AtomicInteger count = open.get(tenant);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        feed.close();
    }
}
