package io.authpipe.schemas.internal;

import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads a framed record value in either {@link WireFormat}: finds the writer schema from the header (registry id
 * or single-object fingerprint) and decodes the body into the generated class. Thread-safe.
 *
 * @param <T> the generated class
 */
public final class FramedDecoder<T extends SpecificRecord> {

    private final String typeName;
    private final RecordCodec<T> codec;
    private final SingleObjectSchemas<T> singleObject;
    private final Optional<RegistryClient> registry;

    /**
     * Creates a decoder.
     *
     * @param codec the class's codec
     * @param singleObject the writer schemas known by fingerprint
     * @param registry the registry resolving schema ids, if one is configured
     */
    public FramedDecoder(RecordCodec<T> codec, SingleObjectSchemas<T> singleObject,
            Optional<RegistryClient> registry) {
        this.typeName = codec.schema().getName();
        this.codec = codec;
        this.singleObject = singleObject;
        this.registry = registry;
    }

    /**
     * Decodes a non-null value.
     *
     * @param data the value
     * @return the record
     * @throws UnreadableRecordException when the value is not a readable record, with the reason
     * @throws io.authpipe.schemas.SchemaRegistryException when the registry cannot resolve the schema id
     */
    public T decode(byte[] data) throws UnreadableRecordException {
        WireFormat.Frame frame = WireFormat.parse(data);
        if (frame instanceof WireFormat.Confluent confluent) {
            return codec.decode(registrySchema(confluent.schemaId()), data, WireFormat.CONFLUENT_HEADER_LENGTH);
        }
        if (frame instanceof WireFormat.SingleObject single) {
            return codec.decode(fingerprintSchema(single.fingerprint()), data,
                    WireFormat.SINGLE_OBJECT_HEADER_LENGTH);
        }
        throw new UnreadableRecordException(((WireFormat.Unreadable) frame).reason(), null);
    }

    private Schema registrySchema(int id) throws UnreadableRecordException {
        if (registry.isEmpty()) {
            throw new UnreadableRecordException("Confluent wire format (schema id " + id
                    + ") but no schema registry is configured", null);
        }
        return registry.get().schemaById(id);
    }

    private Schema fingerprintSchema(long fingerprint) throws UnreadableRecordException {
        Optional<Schema> schema = singleObject.writerSchema(fingerprint);
        if (schema.isEmpty()) {
            throw new UnreadableRecordException("unknown single-object schema fingerprint: neither the current nor"
                    + " a released " + typeName + " schema (written by a newer release?)", null);
        }
        return schema.get();
    }
}
