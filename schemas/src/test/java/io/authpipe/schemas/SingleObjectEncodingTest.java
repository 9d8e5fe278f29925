package io.authpipe.schemas;

import static io.authpipe.schemas.Records.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authpipe.events.ConnectReply;
import io.authpipe.events.ConnectionEvent;
import io.authpipe.events.CredentialUpdated;
import io.authpipe.events.Tenant;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SingleObjectEncodingTest {

    private static final String TOPIC = "authpipe.connect-replies";
    private final AvroSerde<ConnectReply> serde = AvroSerde.of(ConnectReply.class, SchemaRegistry.none());

    @Test
    void withoutARegistryAValueIsWrittenExactlyAsAvrosSingleObjectEncoder() throws Exception {
        ConnectReply reply = Records.connectReply();

        byte[] written = serde.serialize(TOPIC, reply);

        assertThat(written).isEqualTo(bytes(reply.toByteBuffer()));
    }

    @Test
    void theHeaderIsTheMarkerThenTheLittleEndianFingerprintOfTheWriterSchema() {
        byte[] written = serde.serialize(TOPIC, Records.connectReply());

        long fingerprint = SchemaNormalization.parsingFingerprint64(ConnectReply.getClassSchema());
        byte[] expected = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 0xC3).put((byte) 0x01).putLong(fingerprint).array();
        assertThat(Arrays.copyOf(written, 10)).isEqualTo(expected);
    }

    @Test
    void whatAvrosOwnEncoderWritesIsRead() throws Exception {
        ConnectReply reply = Records.connectReply();

        ConnectReply read = serde.deserialize(TOPIC, bytes(reply.toByteBuffer()));

        assertThat(read).isEqualTo(reply);
    }

    @Test
    void whatTheSerdeWritesIsReadByAvrosOwnDecoder() throws Exception {
        ConnectReply reply = Records.connectReply();

        ConnectReply read = ConnectReply.getDecoder().decode(serde.serialize(TOPIC, reply));

        assertThat(read).isEqualTo(reply);
    }

    @Test
    void recordsWithUnionsBytesArraysAndTimestampsRoundTrip() {
        AvroSerde<ConnectionEvent> events = AvroSerde.of(ConnectionEvent.class, SchemaRegistry.none());
        AvroSerde<Tenant> tenants = AvroSerde.of(Tenant.class, SchemaRegistry.none());
        AvroSerde<CredentialUpdated> updates = AvroSerde.of(CredentialUpdated.class, SchemaRegistry.none());

        assertThat(events.deserialize("e", events.serialize("e", Records.established())))
                .isEqualTo(Records.established());
        assertThat(tenants.deserialize("t", tenants.serialize("t", Records.tenant()))).isEqualTo(Records.tenant());
        assertThat(updates.deserialize("u", updates.serialize("u", Records.credentialUpdated())))
                .isEqualTo(Records.credentialUpdated());
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(serde.serialize(TOPIC, null)).isNull();
        assertThat(serde.deserialize(TOPIC, null)).isNull();
    }

    @Test
    void theSerdeIsItsOwnSerializerAndDeserializer() {
        assertThat(serde.serializer()).isSameAs(serde);
        assertThat(serde.deserializer()).isSameAs(serde);
        assertThat(serde.schema()).isEqualTo(ConnectReply.getClassSchema());
    }

    @Test
    void aConfluentFramedRecordWithoutARegistryIsASerializationExceptionThatSaysSo() {
        byte[] confluent = {0, 0, 0, 1, 1, 2, 'x'};

        assertThatThrownBy(() -> serde.deserialize(TOPIC, confluent))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(TOPIC)
                .hasMessageContaining("schema id 257")
                .hasMessageContaining("no schema registry is configured");
    }
}
