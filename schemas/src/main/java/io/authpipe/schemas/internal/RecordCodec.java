package io.authpipe.schemas.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * The Avro binary encoding of one generated record type: writes with the class's schema and reads data written
 * with any writer schema that Avro's resolution rules accept (schema evolution). Reads through a
 * {@link BoundedDecoder}, so no length a record declares makes it allocate more than the record's own bytes allow.
 * Thread-safe; one resolving reader is kept per writer schema.
 *
 * @param <T> the generated class
 */
public final class RecordCodec<T extends SpecificRecord> {

    private record Resolution<T>(SpecificDatumReader<T> reader, String incompatibility) {
    }

    private final Schema schema;
    private final SpecificData model;
    private final SpecificDatumWriter<T> writer;
    private final ConcurrentMap<Schema, Resolution<T>> readers = new ConcurrentHashMap<>();

    /**
     * Creates the codec of a generated class, using its logical-type conversions (timestamps as {@code Instant}).
     *
     * @param type the generated class
     */
    public RecordCodec(Class<T> type) {
        this.model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.writer = new SpecificDatumWriter<>(schema, model);
    }

    /** @return the class's own (reader and writer) schema */
    public Schema schema() {
        return schema;
    }

    /** @return the data model of the class, with its conversions */
    public SpecificData model() {
        return model;
    }

    /**
     * Encodes a record with the class's schema.
     *
     * @param record the record
     * @return its Avro binary encoding, without any header
     */
    public byte[] encode(T record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes an Avro body written with {@code writerSchema} into the class; every byte must belong to the record.
     *
     * @param writerSchema the schema the producer wrote with
     * @param data the framed value
     * @param offset where the body starts
     * @return the record
     * @throws UnreadableRecordException when the schemas do not resolve or the body is malformed
     */
    public T decode(Schema writerSchema, byte[] data, int offset) throws UnreadableRecordException {
        Resolution<T> resolution = readers.computeIfAbsent(writerSchema, this::resolve);
        if (resolution.incompatibility() != null) {
            throw new UnreadableRecordException(resolution.incompatibility(), null);
        }
        BoundedDecoder in = new BoundedDecoder(data, offset);
        try {
            T record = resolution.reader().read(null, in);
            if (!in.isEnd()) {
                throw new UnreadableRecordException("trailing bytes after the record", null);
            }
            return record;
        } catch (IOException | RuntimeException e) {
            throw new UnreadableRecordException("malformed Avro body (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private Resolution<T> resolve(Schema writerSchema) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(schema, writerSchema).getResult();
        if (result.getCompatibility() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return new Resolution<>(new SpecificDatumReader<>(writerSchema, schema, model), null);
        }
        Incompatibility first = result.getIncompatibilities().get(0);
        String reason = "writer schema " + writerSchema.getFullName() + " cannot be read as " + schema.getFullName()
                + ": " + first.getType() + " at " + first.getLocation() + " (" + first.getMessage() + ")";
        return new Resolution<>(null, reason);
    }
}
