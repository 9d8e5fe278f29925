package io.authpipe.schemas;

import io.authpipe.schemas.internal.FramedDecoder;
import io.authpipe.schemas.internal.RecordCodec;
import io.authpipe.schemas.internal.RegistryClient;
import io.authpipe.schemas.internal.SingleObjectSchemas;
import io.authpipe.schemas.internal.UnreadableRecordException;
import io.authpipe.schemas.internal.WireFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde of one generated Avro class ({@code io.authpipe.events}); it is its own serializer and deserializer.
 *
 * <p><b>Writes</b> the format the {@link SchemaRegistry} chooses (byte layouts in {@code WireFormat}):
 * <ul>
 *   <li>{@link SchemaRegistry#none()}: Avro single-object encoding, {@code C3 01 | 8-byte LE CRC-64-AVRO
 *       fingerprint | Avro binary};
 *   <li>{@link SchemaRegistry#confluent}: the Confluent wire format, {@code 00 | 4-byte BE schema id | Avro
 *       binary}, after registering the class's schema under subject {@code <topic>-value} ({@code <topic>-key}
 *       for {@link #forKeys}), the TopicNameStrategy. Kafka Streams changelog and repartition topics get their
 *       own subjects, as with Confluent's serdes.
 * </ul>
 * <p><b>Reads</b> both formats, told apart by the first byte, so a cluster can move from the embedded default to a
 * registry without losing old records. The writer schema comes from the registry (by id) or from the class's
 * current schema and released snapshots (by fingerprint) and is resolved to the class's schema (evolution).
 * {@code null} maps to {@code null} both ways (tombstones).
 *
 * <p><b>Failures</b>: a value that cannot be decoded raises {@link SerializationException} naming the topic and the
 * reason, never quoting the bytes; an unreachable or refusing registry raises {@link SchemaRegistryException}.
 *
 * <p>Thread-safe; {@link #configure} and {@link #close} do nothing. Create instances with {@link #of} or
 * {@link #forKeys} (there is no no-arg constructor for {@code *.serializer} class configs).
 *
 * @param <T> the generated record class
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final Class<T> type;
    private final String subjectSuffix;
    private final RecordCodec<T> codec;
    private final SingleObjectSchemas<T> singleObject;
    private final Optional<RegistryClient> registry;
    private final FramedDecoder<T> decoder;

    private AvroSerde(Class<T> type, SchemaRegistry registry, String subjectSuffix) {
        this.type = Objects.requireNonNull(type, "type");
        this.subjectSuffix = subjectSuffix;
        this.codec = new RecordCodec<>(type);
        this.singleObject = SingleObjectSchemas.withPackagedHistory(codec, type);
        this.registry = registry.client();
        this.decoder = new FramedDecoder<>(codec, singleObject, this.registry);
    }

    /**
     * A serde for record values (subject {@code <topic>-value}).
     *
     * @param type the generated class, e.g. {@code Revocation.class}
     * @param registry the process's registry, or {@link SchemaRegistry#none()}
     * @param <T> the generated class
     * @return the serde
     */
    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type, SchemaRegistry registry) {
        return new AvroSerde<>(type, registry, "-value");
    }

    /**
     * A serde for record keys (subject {@code <topic>-key}); Authpipe's own keys are strings.
     *
     * @param type the generated class
     * @param registry the process's registry, or {@link SchemaRegistry#none()}
     * @param <T> the generated class
     * @return the serde
     */
    public static <T extends SpecificRecord> AvroSerde<T> forKeys(Class<T> type, SchemaRegistry registry) {
        return new AvroSerde<>(type, registry, "-key");
    }

    /**
     * The schema this serde writes with and reads into.
     *
     * @return the generated class's schema
     */
    public Schema schema() {
        return codec.schema();
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (registry.isEmpty()) {
            return singleObject.encode(data);
        }
        int id = registry.get().register(topic + subjectSuffix, codec.schema());
        return WireFormat.confluent(id, codec.encode(data));
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return decoder.decode(data);
        } catch (UnreadableRecordException e) {
            throw new SerializationException("Cannot deserialize " + type.getSimpleName() + " from topic " + topic
                    + " (" + data.length + " bytes): " + e.getMessage(), e.getCause());
        }
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // configured at construction; Kafka's configs carry nothing for this serde
    }

    @Override
    public void close() {
        // nothing to release: the registry's HTTP client is shared and outlives serdes
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public String toString() {
        return "AvroSerde[" + type.getSimpleName() + ", subject suffix " + subjectSuffix + "]";
    }
}
