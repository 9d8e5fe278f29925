package io.authpipe.records;

import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.events.ConnectionRef;
import java.util.Optional;

/** The connection named by an Avro {@link ConnectionRef}, and its Kafka key. */
public final class ConnectionKeys {
    private ConnectionKeys() {
    }

    public static ConnectionKey of(ConnectionRef ref) {
        return ConnectionKey.of(ref.getTenantId(), ref.getProvider(), ref.getUserId());
    }

    public static String kafkaKey(ConnectionRef ref) {
        return of(ref).asKafkaKey();
    }

    /**
     * Why a record with Kafka key {@code key} cannot be about {@code ref}: the record has no key, the ref names no
     * valid connection, or it names another connection than the key. Empty when {@code key} is the ref's Kafka key.
     * The reason names the rule that was broken, never the ids.
     */
    public static Optional<String> keyProblem(String key, ConnectionRef ref) {
        if (key == null) {
            return Optional.of("no record key (the key must be the connection key)");
        }
        String named;
        try {
            named = kafkaKey(ref);
        } catch (IllegalArgumentException e) {
            return Optional.of("invalid connection: " + e.getMessage());
        }
        return named.equals(key) ? Optional.empty()
                : Optional.of("the key is not the connection the record names");
    }
}
