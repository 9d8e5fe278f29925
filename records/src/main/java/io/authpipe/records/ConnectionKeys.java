package io.authpipe.records;

import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.events.ConnectionRef;

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
}
