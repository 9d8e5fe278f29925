package io.authpipe.kms.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class KmsEmulatorLifecycleTest {

    @Test
    void eachEmulatorListensOnItsOwnEphemeralLoopbackPort() {
        try (KmsEmulator first = KmsEmulator.start(); KmsEmulator second = KmsEmulator.start()) {
            assertThat(first.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(first.endpoint().getScheme()).isEqualTo("http");
            assertThat(first.endpoint().getPort()).isPositive().isNotEqualTo(second.endpoint().getPort());
            assertThat(first.region()).isEqualTo("us-east-1");
        }
    }

    @Test
    void aClosedEmulatorRefusesConnectionsAndClosesTwiceQuietly() {
        KmsEmulator emulator = KmsEmulator.start();
        HttpRequest request = HttpRequest.newBuilder(emulator.endpoint()).POST(HttpRequest.BodyPublishers.noBody())
                .build();

        emulator.close();
        emulator.close();

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void theConvenienceMethodsReportKmsErrorCodes() {
        try (KmsEmulator emulator = KmsEmulator.start()) {
            String key = emulator.createKey("k");
            emulator.createAlias("alias/one", key);

            assertThat(key).startsWith("arn:aws:kms:us-east-1:000000000000:key/");
            assertThatThrownBy(() -> emulator.createAlias("alias/one", key))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("AlreadyExistsException");
            assertThatThrownBy(() -> emulator.createAlias("alias/two", "alias/one"))
                    .hasMessageStartingWith("ValidationException");
            String unknownKey = "arn:aws:kms:us-east-1:000000000000:key/00000000-0000-0000-0000-000000000000";
            assertThatThrownBy(() -> emulator.createAlias("alias/three", unknownKey))
                    .hasMessageStartingWith("NotFoundException");
            assertThat(emulator.totalCalls()).isZero();
        }
    }
}
