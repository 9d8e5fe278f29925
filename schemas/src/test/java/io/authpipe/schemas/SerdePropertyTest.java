package io.authpipe.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authpipe.events.ConnectReply;
import io.authpipe.events.ConnectionRef;
import java.time.Instant;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.kafka.common.errors.SerializationException;

class SerdePropertyTest {

    private static final String TOPIC = "authpipe.connect-replies";
    private final AvroSerde<ConnectReply> serde = AvroSerde.of(ConnectReply.class, SchemaRegistry.none());

    @Property
    void everyReplySurvivesARoundTrip(@ForAll("replies") ConnectReply reply) {
        assertThat(serde.deserialize(TOPIC, serde.serialize(TOPIC, reply))).isEqualTo(reply);
    }

    @Property
    void everyTruncatedRecordIsASerializationException(@ForAll("replies") ConnectReply reply,
            @ForAll @IntRange(min = 1, max = 10_000) int cut) {
        byte[] valid = serde.serialize(TOPIC, reply);
        byte[] truncated = Arrays.copyOf(valid, valid.length - 1 - cut % valid.length);

        assertThatThrownBy(() -> serde.deserialize(TOPIC, truncated)).isInstanceOf(SerializationException.class);
    }

    @Property
    void everyRecordWithBytesAppendedIsASerializationException(@ForAll("replies") ConnectReply reply,
            @ForAll @Size(min = 1, max = 20) byte[] extra) {
        byte[] longer = Records.concat(serde.serialize(TOPIC, reply), extra);

        assertThatThrownBy(() -> serde.deserialize(TOPIC, longer))
                .isInstanceOf(SerializationException.class).hasMessageContaining("trailing bytes");
    }

    @Provide
    Arbitrary<ConnectReply> replies() {
        Arbitrary<ConnectionRef> refs = Combinators.combine(text(), text(), text()).as(ConnectionRef::new)
                .withoutEdgeCases();
        Arbitrary<Instant> instants = Arbitraries.longs().between(-62_135_596_800_000L, 253_402_300_799_999L)
                .map(Instant::ofEpochMilli);
        return Combinators.combine(text(), refs, text().injectNull(0.3), instants.injectNull(0.3),
                text().injectNull(0.5), text().withoutEdgeCases().injectNull(0.5)).as(ConnectReply::new);
    }

    /** Any text without lone surrogates (which UTF-8 cannot carry), including multi-byte characters. */
    private static Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFD')
                .ofMaxLength(40);
    }
}
