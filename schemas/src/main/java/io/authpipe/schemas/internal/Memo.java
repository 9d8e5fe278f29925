package io.authpipe.schemas.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * A thread-safe, single-flight cache: concurrent callers asking for the same missing key wait for one load.
 * Successful values are kept for the life of the memo; a failed load is forgotten, so the next call retries.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class Memo<K, V> {

    private final ConcurrentMap<K, CompletableFuture<V>> entries = new ConcurrentHashMap<>();

    /** The cached value, loading it (once, even under concurrency) when absent. Load failures propagate. */
    V get(K key, Function<K, V> load) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> existing = entries.putIfAbsent(key, mine);
        if (existing != null) {
            return join(existing);
        }
        try {
            V value = load.apply(key);
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            entries.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** Records a value learnt another way, unless one is already cached or loading. */
    void offer(K key, V value) {
        entries.putIfAbsent(key, CompletableFuture.completedFuture(value));
    }

    private static <V> V join(CompletableFuture<V> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
