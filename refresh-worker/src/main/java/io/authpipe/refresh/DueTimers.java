package io.authpipe.refresh;

import io.authpipe.events.ExpiryTimer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One timer per connection in two stores that change together: {@code refresh-timers} (connection key to its
 * current timer) and {@code refresh-due-index} ({@link DueIndexKey} to connection key). Taking what is due is a
 * range scan of the index, so it reads the due entries and not the others.
 *
 * <p>An index entry that does not match its connection's current timer is stale (a crash between the two stores'
 * writes under at-least-once can leave one) and is dropped when it comes up. Not thread-safe: the stream thread only.
 */
final class DueTimers {
    private final KeyValueStore<String, ExpiryTimer> timers;
    private final KeyValueStore<Bytes, String> index;

    DueTimers(KeyValueStore<String, ExpiryTimer> timers, KeyValueStore<Bytes, String> index) {
        this.timers = timers;
        this.index = index;
    }

    /** Makes {@code timer} the connection's only timer. */
    void schedule(String connectionKey, ExpiryTimer timer) {
        Bytes entry = indexKey(connectionKey, timer);
        ExpiryTimer previous = timers.get(connectionKey);
        timers.put(connectionKey, timer);
        if (previous != null && !indexKey(connectionKey, previous).equals(entry)) {
            index.delete(indexKey(connectionKey, previous));
        }
        index.put(entry, connectionKey);
    }

    /** Removes the connection's timer, if it has one. */
    void cancel(String connectionKey) {
        ExpiryTimer previous = timers.delete(connectionKey);
        if (previous != null) {
            index.delete(indexKey(connectionKey, previous));
        }
    }

    /** Moves the connection's timer to {@code dueAt} if it is still the timer of {@code version}. */
    void reschedule(String connectionKey, long version, Instant dueAt) {
        ExpiryTimer current = timers.get(connectionKey);
        if (current != null && current.getVersion() == version) {
            schedule(connectionKey, ExpiryTimer.newBuilder(current).setDueAt(dueAt).build());
        }
    }

    long approximateCount() {
        return timers.approximateNumEntries();
    }

    /**
     * Removes up to {@code limit} timers due at or before {@code now} and hands each to {@code sink}, earliest first
     * (ties in connection-key order). Later ones stay for the next call.
     *
     * @return how many index entries were taken (stale ones included); {@code limit} means more may be due
     */
    int takeDue(Instant now, int limit, DueRefresh sink) {
        List<KeyValue<Bytes, String>> due = dueEntries(now, limit);
        due.forEach(entry -> take(entry, sink));
        return due.size();
    }

    /** Rebuilds the index from the timers if it is empty and they are not (state written before the index existed). */
    boolean rebuildIndexIfMissing() {
        if (!isEmpty(index) || isEmpty(timers)) {
            return false;
        }
        try (KeyValueIterator<String, ExpiryTimer> all = timers.all()) {
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

    private void take(KeyValue<Bytes, String> entry, DueRefresh sink) {
        index.delete(entry.key);
        ExpiryTimer timer = timers.get(entry.value);
        if (timer != null && entry.key.equals(indexKey(entry.value, timer))) {
            timers.delete(entry.value);
            sink.due(entry.value, timer);
        }
    }

    private static Bytes indexKey(String connectionKey, ExpiryTimer timer) {
        return DueIndexKey.of(connectionKey, timer.getDueAt());
    }

    private static boolean isEmpty(KeyValueStore<?, ?> store) {
        try (KeyValueIterator<?, ?> all = store.all()) {
            return !all.hasNext();
        }
    }
}
