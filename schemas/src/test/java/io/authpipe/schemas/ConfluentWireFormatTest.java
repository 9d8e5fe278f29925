package io.authpipe.schemas;

import static io.authpipe.schemas.Records.bytes;
import static io.authpipe.schemas.Records.concat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authpipe.events.ConnectReply;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConfluentWireFormatTest {

    private static final String TOPIC = "authpipe.connect-replies";

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
    void aValueIsWrittenAsAZeroByteTheBigEndianSchemaIdAndTheAvroBinary() throws Exception {
        ConnectReply reply = Records.connectReply();

        byte[] written = AvroSerde.of(ConnectReply.class, registry).serialize(TOPIC, reply);

        byte[] singleObject = bytes(reply.toByteBuffer());
        byte[] avroBinary = Arrays.copyOfRange(singleObject, 10, singleObject.length);
        assertThat(written).isEqualTo(concat(new byte[] {0x00, 0x00, 0x00, 0x01, 0x01}, avroBinary));
    }

    @Test
    void theWriterSchemaIsRegisteredUnderTheTopicValueSubjectAsConfluentJson() throws Exception {
        AvroSerde.of(ConnectReply.class, registry).serialize(TOPIC, Records.connectReply());

        FakeConfluentRegistry.Request request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/subjects/authpipe.connect-replies-value/versions");
        assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertThat(body.path("schemaType").asText()).isEqualTo("AVRO");
        assertThat(new Schema.Parser().parse(body.path("schema").asText())).isEqualTo(ConnectReply.getClassSchema());
    }

    @Test
    void aKeySerdeRegistersUnderTheTopicKeySubject() {
        AvroSerde.forKeys(ConnectReply.class, registry).serialize(TOPIC, Records.connectReply());

        assertThat(server.count("POST", "/subjects/authpipe.connect-replies-key/versions")).isEqualTo(1);
    }

    @Test
    void theSameSchemaUnderTwoSubjectsCarriesTheSameId() {
        AvroSerde<ConnectReply> serde = AvroSerde.of(ConnectReply.class, registry);

        byte[] first = serde.serialize("topic-a", Records.connectReply());
        byte[] second = serde.serialize("topic-b", Records.connectReply());

        assertThat(Arrays.copyOf(first, 5)).isEqualTo(Arrays.copyOf(second, 5));
        assertThat(server.count("POST", "/subjects/topic-a-value/versions")).isEqualTo(1);
        assertThat(server.count("POST", "/subjects/topic-b-value/versions")).isEqualTo(1);
    }

    @Test
    void aSchemaIsRegisteredOncePerSubjectHoweverManyThreadsWrite() throws Exception {
        AvroSerde<ConnectReply> serde = AvroSerde.of(ConnectReply.class, registry);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> writes = pool.invokeAll(Collections.nCopies(200,
                    () -> serde.serialize(TOPIC, Records.connectReply())));
            for (Future<byte[]> write : writes) {
                assertThat(write.get()).startsWith(0x00, 0x00, 0x00, 0x01, 0x01);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void anotherProcessReadsTheRecordFetchingTheWriterSchemaOnce() {
        byte[] written = AvroSerde.of(ConnectReply.class, registry).serialize(TOPIC, Records.connectReply());
        AvroSerde<ConnectReply> reader = AvroSerde.of(ConnectReply.class, SchemaRegistry.confluent(server.url()));

        for (int i = 0; i < 5; i++) {
            assertThat(reader.deserialize(TOPIC, written)).isEqualTo(Records.connectReply());
        }

        assertThat(server.count("GET", "/schemas/ids/257")).isEqualTo(1);
    }

    @Test
    void aProcessReadingItsOwnWritesNeverFetchesTheSchema() {
        AvroSerde<ConnectReply> serde = AvroSerde.of(ConnectReply.class, registry);

        ConnectReply read = serde.deserialize(TOPIC, serde.serialize(TOPIC, Records.connectReply()));

        assertThat(read).isEqualTo(Records.connectReply());
        assertThat(server.count("GET", "/schemas/ids/257")).isZero();
    }

    @Test
    void recordsWrittenBeforeTheClusterMovedToARegistryAreStillRead() {
        byte[] embedded = AvroSerde.of(ConnectReply.class, SchemaRegistry.none()).serialize(TOPIC,
                Records.connectReply());

        ConnectReply read = AvroSerde.of(ConnectReply.class, registry).deserialize(TOPIC, embedded);

        assertThat(read).isEqualTo(Records.connectReply());
        assertThat(server.requests()).isEmpty();
    }
}
