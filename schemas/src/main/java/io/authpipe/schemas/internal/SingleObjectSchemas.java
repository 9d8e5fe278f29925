package io.authpipe.schemas.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding of one generated record type, without a registry. Writes with Avro's
 * {@link BinaryMessageEncoder}; on read, the writer schema is found by its fingerprint among the class's current
 * schema and its released snapshots (see {@link SchemaHistory}), so records written by older releases still read.
 *
 * @param <T> the generated class
 */
public final class SingleObjectSchemas<T extends SpecificRecord> {

    private final BinaryMessageEncoder<T> encoder;
    private final Map<Long, Schema> byFingerprint = new LinkedHashMap<>();

    /**
     * Creates the encoding of a codec's class, knowing its current schema and the given earlier versions.
     *
     * @param codec the class's codec
     * @param earlierVersions released snapshots of the schema, in any order
     */
    public SingleObjectSchemas(RecordCodec<T> codec, Collection<Schema> earlierVersions) {
        this.encoder = new BinaryMessageEncoder<>(codec.model(), codec.schema());
        earlierVersions.forEach(version -> byFingerprint.put(fingerprint(version), version));
        byFingerprint.put(fingerprint(codec.schema()), codec.schema());
    }

    /**
     * Creates the encoding of a codec's class with the snapshots packaged beside it on the classpath.
     *
     * @param codec the class's codec
     * @param type the generated class, whose simple name names the snapshot folder
     * @param <T> the generated class
     * @return the encoding
     */
    public static <T extends SpecificRecord> SingleObjectSchemas<T> withPackagedHistory(
            RecordCodec<T> codec, Class<T> type) {
        return new SingleObjectSchemas<>(codec, SchemaHistory.fromClasspath(type.getSimpleName(),
                type.getClassLoader()));
    }

    /**
     * Encodes a record: {@code 0xC3 0x01}, 8-byte little-endian CRC-64-AVRO fingerprint, Avro binary.
     *
     * @param record the record
     * @return the single-object encoding
     */
    public byte[] encode(T record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try {
            encoder.encode(record, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * The writer schema a fingerprint stands for.
     *
     * @param fingerprint from the single-object header
     * @return the current schema or a released snapshot; empty if unknown (written by a newer release?)
     */
    public Optional<Schema> writerSchema(long fingerprint) {
        return Optional.ofNullable(byFingerprint.get(fingerprint));
    }

    private static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }
}
