package io.authpipe.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/** A store restored byte for byte from its topic reads a value its topic's deserializer refuses as absent. */
class RestoredSerdeTest {
    private static final Deserializer<String> PICKY = (topic, data) -> {
        String value = new String(data, StandardCharsets.UTF_8);
        if (value.startsWith("garbage")) {
            throw new SerializationException("not a test value");
        }
        return value;
    };
    private final Serde<String> restored = RestoredSerde.of(Serdes.serdeFrom(Serdes.String().serializer(), PICKY));

    @Test
    void aReadableValueReadsAsItself() {
        assertThat(restored.deserializer().deserialize("t", bytes("tenant"))).isEqualTo("tenant");
        assertThat(restored.serializer().serialize("t", "tenant")).isEqualTo(bytes("tenant"));
    }

    @Test
    void anUnreadableValueReadsAsAbsent() {
        assertThat(restored.deserializer().deserialize("t", bytes("garbage"))).isNull();
    }

    @Test
    void onlyUnreadableBytesAreAbsentNotEveryFailure() {
        Serde<String> failing = RestoredSerde.of(Serdes.serdeFrom(Serdes.String().serializer(), (topic, data) -> {
            throw new IllegalStateException("the schema registry is down");
        }));

        assertThatThrownBy(() -> failing.deserializer().deserialize("t", bytes("x")))
                .isInstanceOf(IllegalStateException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
