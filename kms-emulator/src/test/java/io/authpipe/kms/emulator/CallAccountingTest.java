package io.authpipe.kms.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.model.DataKeySpec;

class CallAccountingTest {

    private final KmsFixture fixture = new KmsFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void callsAreCountedPerOperation() {
        String key = fixture.emulator.createKey("made directly, not counted");

        fixture.kms.generateDataKey(request -> request.keyId(key).keySpec(DataKeySpec.AES_256));
        fixture.kms.generateDataKey(request -> request.keyId(key).keySpec(DataKeySpec.AES_256));
        fixture.encrypt(key, "secret", Map.of());

        assertThat(fixture.emulator.callCount("GenerateDataKey")).isEqualTo(2);
        assertThat(fixture.emulator.callCount("Encrypt")).isEqualTo(1);
        assertThat(fixture.emulator.callCount("Decrypt")).isZero();
        assertThat(fixture.emulator.totalCalls()).isEqualTo(3);
    }

    @Test
    void requestBodiesAreKeptAsJsonText() {
        String key = fixture.emulator.createKey("k");

        fixture.encrypt(key, "secret", Map.of("tenant", "t-9"));

        assertThat(fixture.emulator.requestBodies()).singleElement()
                .extracting(body -> new String(body, StandardCharsets.UTF_8))
                .satisfies(json -> assertThat(json).contains("\"KeyId\"", "t-9", "\"Plaintext\"")
                        .doesNotContain("secret"));
    }

    @Test
    void theRequestBodiesReturnedAreCopies() {
        fixture.encrypt(fixture.emulator.createKey("k"), "secret", Map.of());

        fixture.emulator.requestBodies().get(0)[0] = 'X';

        assertThat(fixture.emulator.requestBodies().get(0)[0]).isEqualTo((byte) '{');
    }
}
