package io.authpipe.schemas.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.RandomData;
import org.junit.jupiter.api.Test;

/**
 * The bounded Avro reader: every length a record declares is checked against its remaining bytes before anything is
 * allocated, so a record of a few bytes declaring a 2 GiB string, bytes, array or map is refused at the cost of a
 * few bytes; and anything Avro writes, it reads as Avro does.
 */
class BoundedDecoderTest {
    /** The largest array Java allows: what {@code SystemLimitException} lets Avro's own decoder allocate. */
    static final long TWO_GIB = Integer.MAX_VALUE - 8;
    static final long ALLOCATION_BUDGET = 1 << 20;

    static final Schema SAMPLE = new Schema.Parser().parse("""
            {"type": "record", "name": "Sample", "fields": [
              {"name": "id", "type": "string"},
              {"name": "blob", "type": "bytes"},
              {"name": "tags", "type": {"type": "array", "items": "string"}},
              {"name": "counts", "type": {"type": "map", "values": "long"}},
              {"name": "code", "type": {"type": "fixed", "name": "Code", "size": 4}},
              {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["A", "B"]}},
              {"name": "maybe", "type": ["null", "double"]},
              {"name": "ratio", "type": "float"},
              {"name": "on", "type": "boolean"},
              {"name": "n", "type": "int"}
            ]}""");

    @Test
    void aDeclaredTwoGibStringIsRefusedWithoutAllocatingIt() throws IOException {
        assertRefusedCheaply(concat(zigzag(TWO_GIB), "abc".getBytes()), "string of 2147483639 bytes");
    }

    @Test
    void declaredTwoGibBytesAreRefusedWithoutAllocatingThem() throws IOException {
        assertRefusedCheaply(concat(zigzag(0), zigzag(TWO_GIB)), "bytes of 2147483639 bytes");
    }

    @Test
    void aDeclaredTwoGibItemArrayIsRefusedWithoutAllocatingIt() throws IOException {
        assertRefusedCheaply(concat(zigzag(0), zigzag(0), zigzag(TWO_GIB), zigzag(0)), "array items");
    }

    @Test
    void aDeclaredTwoGibEntryMapIsRefusedWithoutAllocatingIt() throws IOException {
        assertRefusedCheaply(concat(zigzag(0), zigzag(0), zigzag(0), zigzag(TWO_GIB)), "map items");
    }

    @Test
    void aBlockDeclaringMoreBytesThanAreLeftIsRefused() throws IOException {
        assertRefusedCheaply(concat(zigzag(0), zigzag(0), zigzag(-2), zigzag(TWO_GIB)), "array block");
    }

    @Test
    void aNegativeLengthIsRefused() throws IOException {
        assertRefusedCheaply(zigzag(-5), "negative string length");
    }

    @Test
    void anOverlongVarintIsRefused() throws IOException {
        byte[] elevenBytes = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
                (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 1};

        assertRefusedCheaply(elevenBytes, "longer than 10 bytes");
    }

    @Test
    void anythingAvroWritesIsReadBackEqualByteForByte() throws IOException {
        for (Object datum : new RandomData(SAMPLE, 500, 42L)) {
            byte[] written = write(SAMPLE, datum);
            BoundedDecoder in = new BoundedDecoder(written, 0);

            Object read = new GenericDatumReader<>(SAMPLE).read(null, in);

            assertThat(in.isEnd()).isTrue();
            assertThat(write(SAMPLE, read)).isEqualTo(written);
        }
    }

    @Test
    void blocksThatCarryTheirSizeAreSkippedWhenTheReaderDropsTheField() throws IOException {
        Schema reader = new Schema.Parser().parse("""
                {"type": "record", "name": "Sample", "fields": [{"name": "n", "type": "int"}]}""");
        for (Object datum : new RandomData(SAMPLE, 100, 7L)) {
            byte[] written = writeWithBlockSizes(datum);
            BoundedDecoder in = new BoundedDecoder(written, 0);

            GenericRecord read = new GenericDatumReader<GenericRecord>(SAMPLE, reader).read(null, in);

            assertThat(read.get("n")).isEqualTo(((GenericRecord) datum).get("n"));
            assertThat(in.isEnd()).isTrue();
        }
    }

    @Test
    void noAuthpipeSchemaHasAnArrayWhoseItemsCanTakeNoBytes() throws IOException {
        for (Schema schema : SourceSchemas.topicValueSchemas(Path.of("")).values()) {
            assertThat(zeroByteArrayItems(schema, new ArrayList<>())).as(schema.getName()).isEmpty();
        }
    }

    private static List<String> zeroByteArrayItems(Schema schema, List<Schema> seen) {
        if (seen.contains(schema)) {
            return List.of();
        }
        seen.add(schema);
        List<String> found = new ArrayList<>();
        switch (schema.getType()) {
            case RECORD -> schema.getFields().forEach(f -> found.addAll(zeroByteArrayItems(f.schema(), seen)));
            case UNION -> schema.getTypes().forEach(t -> found.addAll(zeroByteArrayItems(t, seen)));
            case MAP -> found.addAll(zeroByteArrayItems(schema.getValueType(), seen));
            case ARRAY -> {
                if (mayTakeNoBytes(schema.getElementType())) {
                    found.add(schema.toString());
                }
                found.addAll(zeroByteArrayItems(schema.getElementType(), seen));
            }
            default -> { }
        }
        return found;
    }

    private static boolean mayTakeNoBytes(Schema schema) {
        return switch (schema.getType()) {
            case NULL -> true;
            case FIXED -> schema.getFixedSize() == 0;
            case RECORD -> schema.getFields().stream().allMatch(f -> mayTakeNoBytes(f.schema()));
            default -> false;
        };
    }

    /**
     * Decodes {@code data} as {@link #SAMPLE} and checks it fails with {@code reason}; then decodes it again and checks
     * that this allocated less than 1 MiB (the first pass loads classes and builds Avro's resolving grammar).
     */
    private static void assertRefusedCheaply(byte[] data, String reason) throws IOException {
        GenericDatumReader<Object> reader = new GenericDatumReader<>(SAMPLE);
        for (Object datum : new RandomData(SAMPLE, 3, 1L)) {
            reader.read(null, new BoundedDecoder(write(SAMPLE, datum), 0));
        }
        assertThat(catchThrowable(() -> reader.read(null, new BoundedDecoder(data, 0))))
                .isInstanceOf(IOException.class).hasMessageContaining(reason);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
                ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        catchThrowable(() -> reader.read(null, new BoundedDecoder(data, 0)));

        assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(ALLOCATION_BUDGET);
    }

    static byte[] zigzag(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = (value << 1) ^ (value >> 63);
        while ((n & ~0x7FL) != 0) {
            out.write((int) ((n & 0x7f) | 0x80));
            n >>>= 7;
        }
        out.write((int) n);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }

    private static byte[] write(Schema schema, Object datum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<>(schema).write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** Avro's blocking encoder writes arrays and maps as blocks with a negative count and a byte size. */
    private static byte[] writeWithBlockSizes(Object datum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = new EncoderFactory().configureBlockSize(64).blockingBinaryEncoder(out, null);
        new GenericDatumWriter<>(SAMPLE).write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }

}
