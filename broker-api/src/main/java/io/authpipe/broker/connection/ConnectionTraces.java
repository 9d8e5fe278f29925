package io.authpipe.broker.connection;

import io.authpipe.broker.kafka.Publisher;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.core.identity.TenantId;
import io.authpipe.events.ConnectionRef;
import io.authpipe.records.ConnectionKeys;
import io.authpipe.topics.Topics;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the connect flow left behind about a connection, outside the vault: its OAuth flows on
 * {@code authpipe.authorizations} (keyed by state hash) and its connect sessions on {@code authpipe.connect-sessions}
 * (keyed by session id; a finished one names the connected account). Both name the connection in their value only,
 * so erasing a connection or a tenant finds them by scanning and tombstones them. Tombstones are published by
 * broker-api's own producer, the writer of both topics.
 *
 * <p>Each instance sees only the partitions it owns: it erases those. (With several instances, flows minted on
 * another instance stay until that instance erases them; see the README, "Erasure".)
 */
public final class ConnectionTraces {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionTraces.class);

    private final Supplier<Map<String, ConnectionRef>> flows;
    private final Supplier<Map<String, ConnectionRef>> sessions;
    private final Publisher publisher;

    /**
     * @param flows    this instance's part of the authorizations store: state hash → the connection it names
     * @param sessions this instance's part of the connect-sessions store: session id → the connection it names
     */
    public ConnectionTraces(Supplier<Map<String, ConnectionRef>> flows, Supplier<Map<String, ConnectionRef>> sessions,
                            Publisher publisher) {
        this.flows = flows;
        this.sessions = sessions;
        this.publisher = publisher;
    }

    /** Tombstones the flows and sessions of one connection; returns how many. */
    public int eraseOf(ConnectionKey connection) {
        return erase(ref -> ConnectionKeys.of(ref).equals(connection));
    }

    /** Tombstones the flows and sessions of every connection of the tenant; returns how many. */
    public int eraseOfTenant(TenantId tenant) {
        return erase(ref -> ref.getTenantId().equals(tenant.value()));
    }

    private int erase(Predicate<ConnectionRef> whose) {
        int erased = tombstone(Topics.AUTHORIZATIONS, flows.get(), whose)
                + tombstone(Topics.CONNECT_SESSIONS, sessions.get(), whose);
        LOG.info("erased connect traces count={}", erased);
        return erased;
    }

    private int tombstone(String topic, Map<String, ConnectionRef> entries, Predicate<ConnectionRef> whose) {
        var keys = entries.entrySet().stream().filter(e -> whose.test(e.getValue())).map(Map.Entry::getKey).toList();
        keys.forEach(key -> publisher.publish(topic, key, null));
        return keys.size();
    }
}
