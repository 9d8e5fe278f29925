package io.authpipe.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.authpipe.events.ConnectReply;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RegistryFailureTest {

    private static final String TOPIC = "authpipe.connect-replies";

    @Test
    void credentialsAndABasePathInTheUrlReachTheRegistryButNoMessage() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString("svc@authpipe:s3:cr%t".getBytes(StandardCharsets.UTF_8));
        try (FakeConfluentRegistry server = FakeConfluentRegistry.start("/apis/ccompat/v7", basic)) {
            URI url = URI.create(server.url().toString().replace("http://", "http://svc%40authpipe:s3:cr%25t@") + "/");
            AvroSerde<ConnectReply> serde = AvroSerde.of(ConnectReply.class, SchemaRegistry.confluent(url));

            byte[] written = serde.serialize(TOPIC, Records.connectReply());

            assertThat(server.requests()).singleElement().satisfies(request -> {
                assertThat(request.path()).isEqualTo("/subjects/authpipe.connect-replies-value/versions");
                assertThat(request.authorization()).isEqualTo(basic);
            });
            assertThat(AvroSerde.of(ConnectReply.class, SchemaRegistry.confluent(url)).deserialize(TOPIC, written))
                    .isEqualTo(Records.connectReply());
        }
    }

    @Test
    void wrongCredentialsAreNotRetryableAndTheMessageHidesThem() throws Exception {
        try (FakeConfluentRegistry server = FakeConfluentRegistry.start("", "Basic other")) {
            URI url = URI.create(server.url().toString().replace("http://", "http://svc:hunter2@"));

            SchemaRegistryException failure = registering(SchemaRegistry.confluent(url));

            assertThat(failure.isRetryable()).isFalse();
            assertThat(failure).hasMessageContaining("HTTP 401").hasMessageNotContaining("hunter2")
                    .hasMessageContaining(server.url().toString());
        }
    }

    @Test
    void anIncompatibleSchemaIsRefusedAsANonRetryableError() throws Exception {
        try (FakeConfluentRegistry server = FakeConfluentRegistry.start()) {
            server.refuse("authpipe.connect-replies-value", 409);

            SchemaRegistryException failure = registering(SchemaRegistry.confluent(server.url()));

            assertThat(failure.isRetryable()).isFalse();
            assertThat(failure).hasMessageContaining("HTTP 409").hasMessageContaining("incompatible");
        }
    }

    @Test
    void aServerErrorIsRetryableAndTheNextAttemptRegisters() throws Exception {
        try (FakeConfluentRegistry server = FakeConfluentRegistry.start()) {
            SchemaRegistry registry = SchemaRegistry.confluent(server.url());
            server.failNext(1);

            assertThat(registering(registry).isRetryable()).isTrue();
            byte[] written = AvroSerde.of(ConnectReply.class, registry).serialize(TOPIC, Records.connectReply());

            assertThat(written).startsWith(0x00, 0x00, 0x00, 0x01, 0x01);
        }
    }

    @Test
    void anUnreachableRegistryIsARetryableError() throws Exception {
        URI deadUrl;
        try (FakeConfluentRegistry stopped = FakeConfluentRegistry.start()) {
            deadUrl = stopped.url();
        }

        SchemaRegistryException failure = registering(SchemaRegistry.confluent(deadUrl, Duration.ofSeconds(2)));

        assertThat(failure.isRetryable()).isTrue();
        assertThat(failure).hasMessageContaining("unreachable").hasMessageContaining(deadUrl.toString());
    }

    @Test
    void aSchemaIdTheRegistryDoesNotKnowIsANonRetryableError() throws Exception {
        try (FakeConfluentRegistry server = FakeConfluentRegistry.start()) {
            AvroSerde<ConnectReply> serde = AvroSerde.of(ConnectReply.class, SchemaRegistry.confluent(server.url()));

            SchemaRegistryException failure = catchThrowableOfType(SchemaRegistryException.class,
                    () -> serde.deserialize(TOPIC, new byte[] {0, 0, 0, 3, (byte) 0xE7, 2}));

            assertThat(failure.isRetryable()).isFalse();
            assertThat(failure).hasMessageContaining("HTTP 404").hasMessageContaining("40403");
        }
    }

    private static SchemaRegistryException registering(SchemaRegistry registry) {
        AvroSerde<ConnectReply> serde = AvroSerde.of(ConnectReply.class, registry);
        return catchThrowableOfType(SchemaRegistryException.class,
                () -> serde.serialize(TOPIC, Records.connectReply()));
    }
}
