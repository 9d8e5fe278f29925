package io.authpipe.kms.emulator;

import static io.authpipe.kms.emulator.KmsFixture.failsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.NotFoundException;

class KeyResolutionTest {

    private final KmsFixture fixture = new KmsFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aKeyCanBeNamedByIdArnAliasOrAliasArnAndResponsesNameTheArn() {
        String arn = fixture.newKey();
        String id = arn.substring(arn.lastIndexOf('/') + 1);
        fixture.emulator.createAlias("alias/tenant-1", arn);
        String aliasArn = "arn:aws:kms:us-east-1:000000000000:alias/tenant-1";

        for (String name : List.of(id, arn, "alias/tenant-1", aliasArn)) {
            byte[] blob = fixture.encrypt(name, "secret", Map.of());
            assertThat(fixture.kms.describeKey(request -> request.keyId(name)).keyMetadata().arn()).isEqualTo(arn);
            assertThat(fixture.kms.decrypt(request -> request.ciphertextBlob(
                    SdkBytes.fromByteArray(blob))).keyId()).isEqualTo(arn);
        }
    }

    @Test
    void createdKeysDescribeThemselvesLikeAwsKms() {
        KeyMetadata created = fixture.kms.createKey(request -> request.description("tenant key")).keyMetadata();

        assertThat(created.arn()).matches("arn:aws:kms:us-east-1:000000000000:key/[0-9a-f-]{36}");
        assertThat(created.arn()).endsWith(created.keyId());
        assertThat(created.awsAccountId()).isEqualTo("000000000000");
        assertThat(created.description()).isEqualTo("tenant key");
        assertThat(created.enabled()).isTrue();
        assertThat(created.keyStateAsString()).isEqualTo("Enabled");
        assertThat(created.keySpecAsString()).isEqualTo("SYMMETRIC_DEFAULT");
        assertThat(created.keyUsageAsString()).isEqualTo("ENCRYPT_DECRYPT");
        assertThat(created.creationDate()).isEqualTo(fixture.clock.instant());
    }

    @Test
    void anUnknownKeyOrAliasIsNotFound() {
        String otherRegion = fixture.newKey().replace("us-east-1", "eu-west-1");

        assertThatThrownBy(() -> fixture.kms.describeKey(request -> request.keyId("alias/missing")))
                .isInstanceOf(NotFoundException.class);
        failsWith("NotFoundException", () -> fixture.encrypt("00000000-0000-0000-0000-000000000000", "x", Map.of()));
        failsWith("NotFoundException", () -> fixture.encrypt("not-a-key", "x", Map.of()));
        failsWith("NotFoundException", () -> fixture.encrypt(otherRegion, "x", Map.of()));
    }

    @Test
    void updatingAnAliasPointsItAtAnotherKey() {
        String first = fixture.newKey();
        String second = fixture.newKey();
        fixture.kms.createAlias(request -> request.aliasName("alias/current").targetKeyId(first));

        fixture.kms.updateAlias(request -> request.aliasName("alias/current").targetKeyId(second));

        assertThat(fixture.kms.describeKey(request -> request.keyId("alias/current")).keyMetadata().arn())
                .isEqualTo(second);
    }

    @Test
    void aDeletedAliasNoLongerResolves() {
        fixture.kms.createAlias(request -> request.aliasName("alias/gone").targetKeyId(fixture.newKey()));

        fixture.kms.deleteAlias(request -> request.aliasName("alias/gone"));

        failsWith("NotFoundException", () -> fixture.encrypt("alias/gone", "x", Map.of()));
    }

    @Test
    void aliasesAreListedWithTheirKeysAndCannotBeTakenTwice() {
        String arn = fixture.newKey();
        fixture.emulator.createAlias("alias/a", arn);

        List<AliasListEntry> aliases = fixture.kms.listAliases(request -> request.keyId(arn)).aliases();

        assertThat(aliases).singleElement().satisfies(alias -> {
            assertThat(alias.aliasName()).isEqualTo("alias/a");
            assertThat(alias.aliasArn()).isEqualTo("arn:aws:kms:us-east-1:000000000000:alias/a");
            assertThat(arn).endsWith("key/" + alias.targetKeyId());
        });
        failsWith("AlreadyExistsException", () -> fixture.kms.createAlias(r -> r.aliasName("alias/a")
                .targetKeyId(arn)));
        failsWith("ValidationException", () -> fixture.kms.createAlias(r -> r.aliasName("nope").targetKeyId(arn)));
    }
}
