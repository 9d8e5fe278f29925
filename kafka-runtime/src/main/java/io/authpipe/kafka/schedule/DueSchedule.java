package io.authpipe.kafka.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One scheduled entry per key in two stores that change together: the entries (key to its current entry, which
 * knows when it is due) and an index ({@link DueIndexKey} to key). Taking what is due is a range scan of the index,
 * so it reads the due entries and not the others: a scan costs what is due, not what is scheduled.
 *
 * <p>An index entry that does not match its key's current entry is stale (a crash between the two stores' writes
 * under at-least-once can leave one) and is dropped when it comes up. Not thread-safe: the stream thread only.
 *
 * @param <V> the entry, whose due time {@code dueAt} reads
 */
public final class DueSchedule<V> {

    /** Receives what {@link #takeDue} takes. */
    @FunctionalInterface
    public interface Taker<V> {
        void due(String key, V entry);
    }

    private final KeyValueStore<String, V> entries;
    private final KeyValueStore<Bytes, String> index;
    private final Function<V, Instant> dueAt;

    public DueSchedule(KeyValueStore<String, V> entries, KeyValueStore<Bytes, String> index,
                       Function<V, Instant> dueAt) {
        this.entries = entries;
        this.index = index;
        this.dueAt = dueAt;
    }

    /** The key's current entry. */
    public Optional<V> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** Makes {@code entry} the key's only entry. */
    public void schedule(String key, V entry) {
        Bytes position = indexKey(key, entry);
        V previous = entries.get(key);
        entries.put(key, entry);
        if (previous != null && !indexKey(key, previous).equals(position)) {
            index.delete(indexKey(key, previous));
        }
        index.put(position, key);
    }

    /** Removes the key's entry, if it has one. */
    public void cancel(String key) {
        V previous = entries.delete(key);
        if (previous != null) {
            index.delete(indexKey(key, previous));
        }
    }

    /** When the earliest entry due after {@code floor} is due (one read of the index). */
    public Optional<Instant> earliestDueAfter(Instant floor) {
        try (KeyValueIterator<Bytes, String> later = index.range(DueIndexKey.dueBy(floor), null)) {
            return later.hasNext() ? Optional.of(DueIndexKey.dueAtOf(later.next().key)) : Optional.empty();
        }
    }

    public long approximateCount() {
        return entries.approximateNumEntries();
    }

    /**
     * Removes up to {@code limit} entries due at or before {@code now} and hands each to {@code taker}, earliest
     * first (ties in key order). Later ones stay for the next call.
     *
     * @return how many index entries were taken (stale ones included); {@code limit} means more may be due
     */
    public int takeDue(Instant now, int limit, Taker<V> taker) {
        List<KeyValue<Bytes, String>> due = dueEntries(now, limit);
        due.forEach(position -> take(position, taker));
        return due.size();
    }

    /** Rebuilds the index from the entries if it is empty and they are not (state written before it existed). */
    public boolean rebuildIndexIfMissing() {
        if (!isEmpty(index) || isEmpty(entries)) {
            return false;
        }
        try (KeyValueIterator<String, V> all = entries.all()) {
            all.forEachRemaining(kv -> index.put(indexKey(kv.key, kv.value), kv.key));
        }
        return true;
    }

    /** Collected before anything is deleted, so no iterator is open while the stores change. */
    private List<KeyValue<Bytes, String>> dueEntries(Instant now, int limit) {
        List<KeyValue<Bytes, String>> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, String> range = index.range(DueIndexKey.LOWEST, DueIndexKey.dueBy(now))) {
            while (due.size() < limit && range.hasNext()) {
                due.add(range.next());
            }
        }
        return due;
    }

    private void take(KeyValue<Bytes, String> position, Taker<V> taker) {
        index.delete(position.key);
        V entry = entries.get(position.value);
        if (entry != null && position.key.equals(indexKey(position.value, entry))) {
            entries.delete(position.value);
            taker.due(position.value, entry);
        }
    }

    private Bytes indexKey(String key, V entry) {
        return DueIndexKey.of(key, dueAt.apply(entry));
    }

    private static boolean isEmpty(KeyValueStore<?, ?> store) {
        try (KeyValueIterator<?, ?> all = store.all()) {
            return !all.hasNext();
        }
    }
}
