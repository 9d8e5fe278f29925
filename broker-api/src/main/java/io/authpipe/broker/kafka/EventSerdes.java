package io.authpipe.broker.kafka;

import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;

/** One {@link AvroSerde} per record class, all writing through the same registry (or none). */
public final class EventSerdes {
    private final SchemaRegistry registry;
    private final Map<Class<?>, AvroSerde<?>> serdes = new ConcurrentHashMap<>();

    public EventSerdes(SchemaRegistry registry) {
        this.registry = registry;
    }

    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return (AvroSerde<T>) serdes.computeIfAbsent(type, t -> AvroSerde.of(type, registry));
    }

    public <T extends SpecificRecord> byte[] serialize(String topic, T value) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) value.getClass();
        return of(type).serializer().serialize(topic, value);
    }
}
