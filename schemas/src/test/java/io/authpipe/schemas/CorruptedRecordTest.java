package io.authpipe.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.authpipe.events.ConnectReply;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class CorruptedRecordTest {

    private static final String TOPIC = "authpipe.connect-replies";
    private final AvroSerde<ConnectReply> serde = AvroSerde.of(ConnectReply.class, SchemaRegistry.none());
    private final byte[] valid = serde.serialize(TOPIC, Records.connectReply());

    @Test
    void anEmptyValueIsRejected() {
        assertRejected(new byte[0], "empty value");
    }

    @Test
    void aValueInAnotherFormatIsRejectedWithoutQuotingIt() {
        byte[] json = ("{\"userId\":\"" + Records.SECRET_USER + "\"}").getBytes(StandardCharsets.UTF_8);

        assertRejected(json, "unknown wire format");
    }

    @Test
    void anUnsupportedSingleObjectVersionIsRejected() {
        byte[] corrupted = valid.clone();
        corrupted[1] = 0x02;

        assertRejected(corrupted, "unsupported single-object encoding version");
    }

    @Test
    void aTruncatedHeaderIsRejected() {
        assertRejected(Arrays.copyOf(valid, 6), "truncated single-object header");
        assertRejected(new byte[] {0, 0, 1}, "truncated Confluent header");
    }

    @Test
    void anUnknownFingerprintIsRejectedAsPossiblyNewer() {
        byte[] corrupted = valid.clone();
        corrupted[5] ^= 0x10;

        assertRejected(corrupted, "unknown single-object schema fingerprint");
    }

    @Test
    void aTruncatedBodyIsRejected() {
        assertRejected(Arrays.copyOf(valid, valid.length - 3), "malformed Avro body");
    }

    @Test
    void bytesAfterTheRecordAreRejected() {
        assertRejected(Records.concat(valid, Records.SECRET_USER.getBytes(StandardCharsets.UTF_8)),
                "trailing bytes");
    }

    @Test
    void aRecordDeclaringATwoGibStringIsRejectedWithoutAllocatingIt() {
        // Given the single-object header of a valid reply, then a requestId declaring 2^31 - 9 bytes
        byte[] header = Arrays.copyOf(valid, 10);
        byte[] hostile = Records.concat(header, new byte[] {(byte) 0xee, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f});
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();

        // When / Then: refused (the first pass also loads classes and builds the resolving reader)
        assertThat(catchThrowableOfType(SerializationException.class, () -> serde.deserialize(TOPIC, hostile)))
                .hasMessageContaining("malformed Avro body (EOFException)");
        long before = threads.getCurrentThreadAllocatedBytes();
        catchThrowableOfType(SerializationException.class, () -> serde.deserialize(TOPIC, hostile));
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(1 << 20);
    }

    private void assertRejected(byte[] data, String reason) {
        SerializationException failure = catchThrowableOfType(SerializationException.class,
                () -> serde.deserialize(TOPIC, data));

        assertThat(failure).hasMessageContaining("topic " + TOPIC).hasMessageContaining(reason);
        String hex = HexFormat.of().formatHex(data);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            assertThat(message).doesNotContain(Records.SECRET_USER).doesNotContain(Arrays.toString(data));
            if (data.length >= 4) {
                assertThat(message).doesNotContainIgnoringCase(hex);
            }
        }
    }
}
