package io.authpipe.vault.kms.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.KekRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.Tag;

/** Per-tenant KMS keys as an operator sees them in the console: description, tag, alias; and their destruction. */
class AwsTenantKeysTest {
    private static final TenantId ACME = TenantId.of("acme");

    private final EmulatedAws aws = new EmulatedAws();
    private final AwsKms kms = aws.perTenant();

    @AfterEach
    void close() {
        kms.close();
        aws.close();
    }

    @Test
    void aTenantKeyIsDescribedTaggedAndAliasedAfterItsTenantAndStoredByArn() {
        KekRef kek = kms.createTenantKey(ACME);
        KeyMetadata key = aws.admin.describeKey(r -> r.keyId(kek.value())).keyMetadata();
        assertThat(kek.value()).isEqualTo(key.arn()).startsWith("arn:aws:kms:us-east-1:");
        assertThat(key.description()).isEqualTo("Authpipe tenant acme");
        assertThat(aws.admin.listResourceTags(r -> r.keyId(kek.value())).tags())
                .containsExactly(Tag.builder().tagKey("authpipe:tenant").tagValue("acme").build());
        assertThat(aws.aliasOf(kek)).isEqualTo("alias/authpipe/acme-1");
    }

    @Test
    void rotationsGetTheNextFreeAliasNumber() {
        kms.createTenantKey(ACME);
        KekRef second = kms.createTenantKey(ACME);
        assertThat(aws.aliasOf(second)).isEqualTo("alias/authpipe/acme-2");
        assertThat(kms.resolve("alias/authpipe/acme-2")).isEqualTo(second);
    }

    @Test
    void destroyingDisablesTheKeyAndSchedulesItsDeletionAfterTheMinimumWindow() {
        KekRef kek = kms.createTenantKey(ACME);
        kms.destroyKey(kek);
        kms.destroyKey(kek);
        KeyMetadata key = aws.admin.describeKey(r -> r.keyId(kek.value())).keyMetadata();
        assertThat(key.keyState()).isEqualTo(KeyState.PENDING_DELETION);
        assertThat(aws.emulator.callCount("DisableKey")).isEqualTo(1);
        assertThat(aws.emulator.callCount("ScheduleKeyDeletion")).isEqualTo(1);
        assertThat(key.deletionDate()).isAfter(key.creationDate().plus(java.time.Duration.ofDays(6)));
    }

    @Test
    void printsNoCredentials() {
        assertThat(kms.toString()).contains("PER_TENANT").contains(aws.emulator.endpoint().toString()).doesNotContain("test/");
    }
}
