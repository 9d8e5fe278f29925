package io.authpipe.schemas.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.events.ConnectReply;
import io.authpipe.events.ConnectionRef;
import io.authpipe.schemas.SchemaEdits;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class SingleObjectSchemasTest {

    private final RecordCodec<ConnectReply> codec = new RecordCodec<>(ConnectReply.class);

    @Test
    void aRecordWrittenWithAReleasedSnapshotIsReadIntoTheCurrentClass() throws Exception {
        Schema released = SchemaEdits.withoutField(ConnectReply.getClassSchema(), "errorMessage");
        SingleObjectSchemas<ConnectReply> schemas = new SingleObjectSchemas<>(codec, List.of(released));
        byte[] written = writeWith(released);

        WireFormat.SingleObject frame = (WireFormat.SingleObject) WireFormat.parse(written);
        Schema writer = schemas.writerSchema(frame.fingerprint()).orElseThrow();
        ConnectReply read = codec.decode(writer, written, WireFormat.SINGLE_OBJECT_HEADER_LENGTH);

        assertThat(read.getRequestId()).isEqualTo("req-old");
        assertThat(read.getConnection()).isEqualTo(new ConnectionRef("acme", "mastodon", "u1"));
        assertThat(read.getErrorMessage()).isNull();
    }

    @Test
    void anUnreleasedFingerprintIsUnknown() {
        Schema unreleased = SchemaEdits.withoutField(ConnectReply.getClassSchema(), "errorMessage");
        SingleObjectSchemas<ConnectReply> schemas = new SingleObjectSchemas<>(codec, List.of());

        assertThat(schemas.writerSchema(SchemaNormalization.parsingFingerprint64(unreleased))).isEmpty();
        assertThat(schemas.writerSchema(SchemaNormalization.parsingFingerprint64(ConnectReply.getClassSchema())))
                .contains(ConnectReply.getClassSchema());
    }

    @Test
    void thePackagedSnapshotsAreKnown() {
        SingleObjectSchemas<ConnectReply> schemas = SingleObjectSchemas.withPackagedHistory(codec, ConnectReply.class);
        Schema v1 = SchemaHistory.fromClasspath("ConnectReply", getClass().getClassLoader()).get(0);

        assertThat(schemas.writerSchema(SchemaNormalization.parsingFingerprint64(v1))).isPresent();
    }

    private static byte[] writeWith(Schema schema) throws Exception {
        GenericRecord connection = new GenericData.Record(schema.getField("connection").schema());
        connection.put("tenantId", "acme");
        connection.put("provider", "mastodon");
        connection.put("userId", "u1");
        GenericRecord reply = new GenericData.Record(schema);
        reply.put("requestId", "req-old");
        reply.put("connection", connection);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(reply, out);
        return out.toByteArray();
    }
}
