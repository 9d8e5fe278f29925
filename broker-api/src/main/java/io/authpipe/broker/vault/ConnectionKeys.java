package io.authpipe.broker.vault;

import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.events.ConnectionRef;

/** The Kafka key of a connection named by an Avro {@link ConnectionRef}. */
final class ConnectionKeys {
    private ConnectionKeys() {
    }

    static String of(ConnectionRef ref) {
        return ConnectionKey.of(ref.getTenantId(), ref.getProvider(), ref.getUserId()).asKafkaKey();
    }
}
