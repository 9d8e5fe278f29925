package io.authpipe.schemas.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The two framings of an Avro record value, told apart by the first byte.
 *
 * <pre>
 * Confluent wire format (with a schema registry):
 *   offset 0    1 byte    0x00 magic
 *   offset 1    4 bytes   schema id, big-endian signed int, from the registry
 *   offset 5    n bytes   Avro binary encoding of the record
 *
 * Avro single-object encoding (embedded default, Avro specification "Single-object encoding"):
 *   offset 0    2 bytes   0xC3 0x01 marker (version 1)
 *   offset 2    8 bytes   CRC-64-AVRO fingerprint of the writer schema's parsing canonical form, little-endian
 *   offset 10   n bytes   Avro binary encoding of the record
 * </pre>
 */
public final class WireFormat {

    /** First byte of the Confluent wire format. */
    public static final byte CONFLUENT_MAGIC = 0x00;
    /** Length of the Confluent header (magic and schema id). */
    public static final int CONFLUENT_HEADER_LENGTH = 5;
    /** First byte of the single-object encoding. */
    public static final byte SINGLE_OBJECT_MAGIC = (byte) 0xC3;
    /** Second byte of the single-object encoding (format version 1). */
    public static final byte SINGLE_OBJECT_VERSION = 0x01;
    /** Length of the single-object header (marker and fingerprint). */
    public static final int SINGLE_OBJECT_HEADER_LENGTH = 10;

    private WireFormat() {
    }

    /** What the header of a record says; failures are values. */
    public sealed interface Frame {
    }

    /** Confluent framing: the writer schema has this registry id; the body starts at offset 5. */
    public record Confluent(int schemaId) implements Frame {
    }

    /** Single-object framing: the writer schema has this fingerprint; the body starts at offset 10. */
    public record SingleObject(long fingerprint) implements Frame {
    }

    /** Not a framing this module reads; the reason never quotes the bytes. */
    public record Unreadable(String reason) implements Frame {
    }

    /**
     * Reads the header of a serialized record.
     *
     * @param data the record value, not null
     * @return the framing and the writer schema reference, or why there is none
     */
    public static Frame parse(byte[] data) {
        if (data.length == 0) {
            return new Unreadable("empty value (a tombstone is null, not empty)");
        }
        if (data[0] == CONFLUENT_MAGIC) {
            return data.length < CONFLUENT_HEADER_LENGTH
                    ? new Unreadable("truncated Confluent header (" + data.length + " bytes)")
                    : new Confluent(ByteBuffer.wrap(data, 1, 4).getInt());
        }
        if (data[0] == SINGLE_OBJECT_MAGIC) {
            if (data.length < 2 || data[1] != SINGLE_OBJECT_VERSION) {
                return new Unreadable("unsupported single-object encoding version");
            }
            return data.length < SINGLE_OBJECT_HEADER_LENGTH
                    ? new Unreadable("truncated single-object header (" + data.length + " bytes)")
                    : new SingleObject(ByteBuffer.wrap(data, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
        }
        return new Unreadable("unknown wire format: the first byte is neither 0x00 (Confluent) nor 0xC3"
                + " (Avro single-object)");
    }

    /**
     * Frames an Avro body in the Confluent wire format.
     *
     * @param schemaId the registry id of the writer schema
     * @param body the Avro binary encoding
     * @return magic, big-endian id, body
     */
    public static byte[] confluent(int schemaId, byte[] body) {
        return ByteBuffer.allocate(CONFLUENT_HEADER_LENGTH + body.length)
                .put(CONFLUENT_MAGIC).putInt(schemaId).put(body).array();
    }
}
