package io.authpipe.refresh;

import io.authpipe.events.RefreshLease;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The {@code refresh-leases} store: which connection versions have a refresh that was handed to the network, until
 * when, and whether its result is already on the topic. Not thread-safe: the stream thread only.
 */
final class Leases {
    private final KeyValueStore<String, RefreshLease> store;

    Leases(KeyValueStore<String, RefreshLease> store) {
        this.store = store;
    }

    /** The lease of this connection version, if one was taken. */
    Optional<RefreshLease> of(String connectionKey, long version) {
        RefreshLease lease = store.get(connectionKey);
        return lease != null && lease.getVersion() == version ? Optional.of(lease) : Optional.empty();
    }

    /** Leases the version until {@code until}; returns how many times it has been leased (1 the first time). */
    int take(String connectionKey, long version, Instant now, Instant until) {
        int attempts = of(connectionKey, version).map(lease -> lease.getAttempts() + 1).orElse(1);
        store.put(connectionKey, new RefreshLease(version, now, until, false, attempts));
        return attempts;
    }

    void extend(String connectionKey, long version, Instant until) {
        of(connectionKey, version).ifPresent(lease -> {
            lease.setLeaseUntil(until);
            store.put(connectionKey, lease);
        });
    }

    void markAnswered(String connectionKey, long version) {
        of(connectionKey, version).ifPresent(lease -> {
            lease.setAnswered(true);
            store.put(connectionKey, lease);
        });
    }

    /** Drops the connection's lease unless it belongs to {@code keepVersion}. */
    void dropOtherThan(String connectionKey, long keepVersion) {
        RefreshLease lease = store.get(connectionKey);
        if (lease != null && lease.getVersion() != keepVersion) {
            store.delete(connectionKey);
        }
    }

    void drop(String connectionKey) {
        store.delete(connectionKey);
    }

    long approximateCount() {
        return store.approximateNumEntries();
    }
}
