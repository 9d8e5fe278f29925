package io.authpipe.kafka;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The value serde of a store that Kafka Streams restores from its source topic byte for byte: a global table, or a
 * table whose source topic is its changelog ({@code topology.optimization=all}). A value the topic's deserializer
 * refused when it was read live went to the dead-letter topic, but restoration copies it into the store all the same;
 * reading it back must not throw at every lookup and listing, nor stop a process from starting. Through this serde
 * such a value reads as absent ({@code null}, a store's "no value"). Writes, and every readable value, are the
 * wrapped serde's.
 *
 * @param <T> the value type
 */
public final class RestoredSerde<T> implements Serde<T>, Deserializer<T> {
    private static final Logger LOG = LoggerFactory.getLogger(RestoredSerde.class);

    private final Serde<T> values;

    private RestoredSerde(Serde<T> values) {
        this.values = Objects.requireNonNull(values, "values");
    }

    /** {@code values}, whose unreadable stored values read as absent. */
    public static <T> RestoredSerde<T> of(Serde<T> values) {
        return new RestoredSerde<>(values);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        try {
            return values.deserializer().deserialize(topic, data);
        } catch (SerializationException e) {
            LOG.debug("an unreadable value restored into a store of {} reads as absent: {}", topic, e.getMessage());
            return null;
        }
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        values.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return values.serializer();
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void close() {
        values.close();
    }
}
