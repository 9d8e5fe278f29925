package io.authpipe.health;

import io.authpipe.events.CredentialUpdated;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * health-worker's topology: {@code authpipe.credential-updated} keeps a schedule of ACTIVE connections (two
 * persistent stores: the connection and its next check time); a wall-clock punctuator hands due connections to a
 * {@link DueCheck} and reschedules them on a jittered interval.
 */
public final class HealthTopology {
    public static final String SUBJECTS_STORE = "health-subjects";
    public static final String DUE_STORE = "health-due";

    private HealthTopology() {
    }

    public static Topology build(SchemaRegistry registry, DueCheck dueCheck, Duration interval, DoubleSupplier random) {
        AvroSerde<CredentialUpdated> updates = AvroSerde.of(CredentialUpdated.class, registry);
        return new Topology()
                .addSource("credential-updated-source", Serdes.String().deserializer(), updates.deserializer(),
                        Topics.CREDENTIAL_UPDATED)
                .addProcessor("health-scheduler", () -> new HealthScheduler(dueCheck, new CheckInterval(interval,
                        random)), "credential-updated-source")
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SUBJECTS_STORE),
                        Serdes.String(), updates), "health-scheduler")
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DUE_STORE),
                        Serdes.String(), Serdes.Long()), "health-scheduler");
    }
}
