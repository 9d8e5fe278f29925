package io.authpipe.kms.emulator;

import static io.authpipe.kms.emulator.KmsFixture.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.ScheduleKeyDeletionResponse;

class KeyLifecycleTest {

    private final KmsFixture fixture = new KmsFixture();
    private final String key = fixture.newKey();
    private final byte[] blob = fixture.encrypt(key, "secret", Map.of());

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aDisabledKeyNeitherEncryptsNorDecryptsUntilEnabledAgain() {
        fixture.kms.disableKey(request -> request.keyId(key));

        assertThat(failsWith("DisabledException", this::decrypt)).isInstanceOf(DisabledException.class);
        failsWith("DisabledException", () -> fixture.encrypt(key, "x", Map.of()));
        assertThat(state()).isEqualTo(KeyState.DISABLED);

        fixture.kms.enableKey(request -> request.keyId(key));

        assertThat(decrypt()).isEqualTo("secret");
        assertThat(state()).isEqualTo(KeyState.ENABLED);
    }

    @Test
    void aKeyPendingDeletionIsInAnInvalidState() {
        ScheduleKeyDeletionResponse scheduled = fixture.kms.scheduleKeyDeletion(request -> request.keyId(key)
                .pendingWindowInDays(7));

        assertThat(scheduled.keyId()).isEqualTo(key);
        assertThat(scheduled.keyState()).isEqualTo(KeyState.PENDING_DELETION);
        assertThat(scheduled.deletionDate()).isEqualTo(fixture.clock.instant().plus(Duration.ofDays(7)));
        assertThat(failsWith("KMSInvalidStateException", this::decrypt))
                .isInstanceOf(KmsInvalidStateException.class);
        failsWith("KMSInvalidStateException", () -> fixture.kms.enableKey(request -> request.keyId(key)));
        assertThat(fixture.kms.describeKey(request -> request.keyId(key)).keyMetadata().deletionDate())
                .isEqualTo(scheduled.deletionDate());
    }

    @Test
    void afterTheDeletionDateTheKeyAndItsBlobsAreGone() {
        fixture.emulator.createAlias("alias/doomed", key);
        fixture.kms.scheduleKeyDeletion(request -> request.keyId(key).pendingWindowInDays(7));

        fixture.clock.advance(Duration.ofDays(7).minusSeconds(1));
        failsWith("KMSInvalidStateException", this::decrypt);
        fixture.clock.advance(Duration.ofSeconds(1));

        assertThat(failsWith("NotFoundException", this::decrypt)).isInstanceOf(NotFoundException.class);
        failsWith("NotFoundException", () -> fixture.kms.describeKey(request -> request.keyId(key)));
        failsWith("NotFoundException", () -> fixture.kms.describeKey(request -> request.keyId("alias/doomed")));
    }

    @Test
    void cancellingADeletionLeavesTheKeyDisabled() {
        fixture.kms.scheduleKeyDeletion(request -> request.keyId(key).pendingWindowInDays(30));

        fixture.kms.cancelKeyDeletion(request -> request.keyId(key));
        fixture.clock.advance(Duration.ofDays(31));

        assertThat(state()).isEqualTo(KeyState.DISABLED);
        fixture.kms.enableKey(request -> request.keyId(key));
        assertThat(decrypt()).isEqualTo("secret");
    }

    private KeyState state() {
        return fixture.kms.describeKey(request -> request.keyId(key)).keyMetadata().keyState();
    }

    private String decrypt() {
        return fixture.kms.decrypt(request -> request.ciphertextBlob(SdkBytes.fromByteArray(blob)))
                .plaintext().asUtf8String();
    }
}
