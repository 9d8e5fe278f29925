package io.authpipe.schemas.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * The Avro binary encoding (Avro specification, "Binary Encoding") read from one record's bytes, where every length
 * the data declares is checked against the bytes that are left <em>before</em> anything is allocated for it.
 *
 * <p>Avro's own {@code BinaryDecoder} (1.12) allocates what a length prefix asks for and only then finds the bytes
 * missing: a record of a few bytes declaring a 2 GiB string allocates 2 GiB (an {@link OutOfMemoryError} no
 * {@code catch (RuntimeException)} stops), and one declaring 2<sup>31</sup> array items allocates an array of that
 * many references. Here:
 * <ul>
 *   <li>a string, bytes or a byte-counted block longer than what is left is an {@link EOFException};</li>
 *   <li>an array or map block may not declare more items than bytes are left: every item of every Authpipe schema
 *       takes at least one byte (a map entry's key always does; an array of {@code null} or of empty records, whose
 *       items take none, cannot be read with this decoder, and no Authpipe schema has one);</li>
 *   <li>an int longer than 5 bytes or a long longer than 10 is malformed, as in Avro.</li>
 * </ul>
 * So what a record can make the reader allocate is bounded by a small multiple of its own size (which Kafka bounds
 * with {@code max.message.bytes}). Not thread-safe; one per record.
 */
final class BoundedDecoder extends Decoder {
    private final byte[] buf;
    private final int limit;
    private int pos;

    /**
     * @param data   the bytes
     * @param offset where the Avro body starts
     */
    BoundedDecoder(byte[] data, int offset) {
        this.buf = data;
        this.pos = offset;
        this.limit = data.length;
    }

    /** Whether every byte was read. */
    boolean isEnd() {
        return pos == limit;
    }

    private int remaining() {
        return limit - pos;
    }

    /** The length {@code declared} when at least that many bytes are left; never allocates. */
    private int require(long declared, String what) throws IOException {
        if (declared < 0) {
            throw new IOException("malformed Avro: negative " + what + " length " + declared);
        }
        if (declared > remaining()) {
            throw new EOFException("malformed Avro: " + what + " of " + declared + " bytes, " + remaining() + " left");
        }
        return (int) declared;
    }

    @Override
    public void readNull() {
        // null takes no bytes
    }

    @Override
    public boolean readBoolean() throws IOException {
        require(1, "boolean");
        return buf[pos++] == 1;
    }

    @Override
    public int readInt() throws IOException {
        long raw = readVarint(5, "int");
        if (raw > 0xFFFFFFFFL) {
            throw new IOException("malformed Avro: int out of range");
        }
        int n = (int) raw;
        return (n >>> 1) ^ -(n & 1);
    }

    @Override
    public long readLong() throws IOException {
        long n = readVarint(10, "long");
        return (n >>> 1) ^ -(n & 1);
    }

    /** The unsigned base-128 varint under the zig-zag encoding, at most {@code maxBytes} long. */
    private long readVarint(int maxBytes, String what) throws IOException {
        long value = 0;
        for (int i = 0; i < maxBytes; i++) {
            require(1, what);
            int b = buf[pos++] & 0xff;
            value |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed Avro: " + what + " longer than " + maxBytes + " bytes");
    }

    @Override
    public float readFloat() throws IOException {
        require(4, "float");
        float value = ByteBuffer.wrap(buf, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        pos += 4;
        return value;
    }

    @Override
    public double readDouble() throws IOException {
        require(8, "double");
        double value = ByteBuffer.wrap(buf, pos, 8).order(ByteOrder.LITTLE_ENDIAN).getDouble();
        pos += 8;
        return value;
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = require(readLong(), "string");
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        System.arraycopy(buf, pos, result.getBytes(), 0, length);
        pos += length;
        return result;
    }

    @Override
    public String readString() throws IOException {
        int length = require(readLong(), "string");
        String result = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return result;
    }

    @Override
    public void skipString() throws IOException {
        skip(readLong(), "string");
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = require(readLong(), "bytes");
        ByteBuffer result = old != null && length <= old.capacity() ? old.clear() : ByteBuffer.allocate(length);
        result.put(buf, pos, length).flip();
        pos += length;
        return result;
    }

    @Override
    public void skipBytes() throws IOException {
        skip(readLong(), "bytes");
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        require(length, "fixed");
        System.arraycopy(buf, pos, bytes, start, length);
        pos += length;
    }

    @Override
    public void skipFixed(int length) throws IOException {
        skip(length, "fixed");
    }

    /** Skips {@code declared} bytes, when that many are left (the length is read before {@code pos} moves). */
    private void skip(long declared, String what) throws IOException {
        int length = require(declared, what);
        pos += length;
    }

    @Override
    public int readEnum() throws IOException {
        return readInt();
    }

    @Override
    public long readArrayStart() throws IOException {
        return readBlockCount("array");
    }

    @Override
    public long arrayNext() throws IOException {
        return readBlockCount("array");
    }

    @Override
    public long skipArray() throws IOException {
        return skipBlocks("array");
    }

    @Override
    public long readMapStart() throws IOException {
        return readBlockCount("map");
    }

    @Override
    public long mapNext() throws IOException {
        return readBlockCount("map");
    }

    @Override
    public long skipMap() throws IOException {
        return skipBlocks("map");
    }

    @Override
    public int readIndex() throws IOException {
        return readInt();
    }

    /**
     * The item count of the next block (0 at the end). A negative count is followed by the block's size in bytes
     * (Avro specification, "Arrays"); either way there must be at least one byte left per item.
     */
    private long readBlockCount(String what) throws IOException {
        long count = readLong();
        if (count < 0) {
            count = -count;
            require(readLong(), what + " block");
        }
        return require(count, what + " items (one byte each at least)");
    }

    /** Skips the blocks that carry their size; returns the item count of the first that does not (0 at the end). */
    private long skipBlocks(String what) throws IOException {
        long count = readLong();
        while (count < 0) {
            skip(readLong(), what + " block");
            count = readLong();
        }
        return require(count, what + " items (one byte each at least)");
    }
}
