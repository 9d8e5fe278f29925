package io.authpipe.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authpipe.events.ConnectReply;
import io.authpipe.events.ConnectionStatus;
import io.authpipe.events.CredentialUpdated;
import io.authpipe.events.Revocation;
import io.authpipe.events.StatusChange;
import io.authpipe.events.RevocationReason;
import io.authpipe.schemas.internal.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaEvolutionTest {

    private FakeConfluentRegistry server;
    private SchemaRegistry registry;

    @BeforeEach
    void startRegistry() throws Exception {
        server = FakeConfluentRegistry.start();
        registry = SchemaRegistry.confluent(server.url());
    }

    @AfterEach
    void stopRegistry() {
        server.close();
    }

    @Test
    void aRecordWrittenWithAnOlderSchemaIsReadIntoTheGeneratedClass() throws Exception {
        Schema older = SchemaEdits.withField(SchemaEdits.withoutField(ConnectReply.getClassSchema(), "errorMessage"),
                "{\"name\":\"legacyHint\",\"type\":\"string\",\"doc\":\"Dropped later.\",\"default\":\"\"}");
        GenericRecord old = asGeneric(Records.connectReply(), older);
        old.put("errorCode", "scope_not_allowed");
        old.put("legacyHint", "gone in the next version");

        ConnectReply read = AvroSerde.of(ConnectReply.class, registry).deserialize("t", confluentBytes(old));

        ConnectReply expected = ConnectReply.newBuilder(Records.connectReply()).setErrorCode("scope_not_allowed")
                .setErrorMessage(null).build();
        assertThat(read).isEqualTo(expected);
    }

    @Test
    void anEnumSymbolAddedByANewerWriterIsReadAsTheEnumDefault() throws Exception {
        Schema newer = SchemaEdits.withEnumSymbol(CredentialUpdated.getClassSchema(), "ConnectionStatus", "PAUSED");
        GenericRecord record = asGeneric(Records.credentialUpdated(), newer);
        record.put("status", new GenericData.EnumSymbol(newer.getField("status").schema(), "PAUSED"));

        CredentialUpdated read = AvroSerde.of(CredentialUpdated.class, registry).deserialize("t", confluentBytes(record));

        assertThat(read.getStatus()).isEqualTo(ConnectionStatus.UNKNOWN);
        assertThat(read.getAccount()).isEqualTo(Records.account());
    }

    @Test
    void aWriterSchemaThatDoesNotResolveIsASerializationExceptionNamingBothSchemas() {
        Revocation revocation = new Revocation(Records.connection(), 4L, RevocationReason.REVOKED_AT_PROVIDER,
                Records.AT, "https://mastodon.example", null, ConnectionStatus.REVOKED, StatusChange.UNUSABLE, Records.AT);
        byte[] written = AvroSerde.of(Revocation.class, registry).serialize("t", revocation);

        assertThatThrownBy(() -> AvroSerde.of(ConnectReply.class, registry).deserialize("t", written))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("io.authpipe.events.Revocation cannot be read as io.authpipe.events.ConnectReply")
                .hasMessageNotContaining(Records.SECRET_USER);
    }

    @Test
    void aRevocationWrittenBeforeStatusAndChangeReadsAsOtherWithTheOldFieldsToFallBackOn() throws Exception {
        Schema v3 = new Schema.Parser().parse(getClass().getResourceAsStream("/avro-history/Revocation/v3.avsc"));
        Revocation recovery = new Revocation(Records.connection(), 5L, RevocationReason.RECOVERED, Records.AT,
                "https://mastodon.example", null, ConnectionStatus.ACTIVE, StatusChange.RECOVERED, Records.AT);

        Revocation read = AvroSerde.of(Revocation.class, registry).deserialize("t",
                confluentBytes(asGeneric(recovery, v3)));

        assertThat(read.getChange()).isEqualTo(StatusChange.OTHER);
        assertThat(read.getStatus()).isEqualTo(ConnectionStatus.UNKNOWN);
        assertThat(read.getChangedAt()).isNull();
        assertThat(read.getReason()).isEqualTo(RevocationReason.RECOVERED);
        assertThat(read.getRevokedAt()).isEqualTo(Records.AT);
    }

    /** The record's values under another schema, resolved by Avro (logical types as their base type). */
    private static GenericRecord asGeneric(SpecificRecordBase record, Schema schema) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecordBase>(record.getSchema(), record.getSpecificData()).write(record, encoder);
        encoder.flush();
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(out.toByteArray(), null);
        return new GenericDatumReader<GenericRecord>(record.getSchema(), schema).read(null, decoder);
    }

    private byte[] confluentBytes(GenericRecord record) throws Exception {
        int id = server.register(record.getSchema());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema(), new GenericData()).write(record, encoder);
        encoder.flush();
        return WireFormat.confluent(id, out.toByteArray());
    }
}
