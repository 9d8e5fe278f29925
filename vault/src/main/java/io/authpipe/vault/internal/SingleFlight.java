package io.authpipe.vault.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * At most one load per key at a time: the first caller for a key runs the loader (a KMS call); callers arriving
 * meanwhile wait for its outcome, value or exception, instead of calling the KMS themselves. Nothing is held across
 * keys, and no lock is held while loading. Waiting is bounded by the loader (the KMS's own time budget).
 *
 * @param <K> the key
 */
public final class SingleFlight<K> {
    private final ConcurrentHashMap<K, CompletableFuture<Object>> inFlight = new ConcurrentHashMap<>();

    /** The value of the load in flight for {@code key}, or of a new one run by this thread. */
    @SuppressWarnings("unchecked")
    public <V> V load(K key, Supplier<V> loader) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return (V) join(running);
        }
        try {
            V value = loader.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private static Object join(CompletableFuture<Object> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
