package io.authpipe.vault.kms.aws;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.GeneratedDataKey;
import io.authpipe.vault.KekRef;
import io.authpipe.vault.Kms;
import io.authpipe.vault.KmsKeyNotFoundException;
import io.authpipe.vault.VaultCryptoException;
import io.authpipe.vault.internal.EncryptionContext;
import io.authpipe.vault.kms.aws.AwsKmsSettings.Mode;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.KeyState;

/**
 * {@link io.authpipe.vault.Kms} on AWS KMS through the AWS SDK v2. KEK refs are key ARNs (resolved with DescribeKey),
 * never aliases. Data keys: GenerateDataKey (AES_256) and Decrypt with the tenant's EncryptionContext and the KeyId
 * given, and the KeyId of every answer checked against the expected ARN ({@link VaultCryptoException} otherwise). The
 * wrapped DEK is the {@code CiphertextBlob} exactly as returned.
 *
 * <p>{@link Mode#PER_TENANT}: {@link #createTenantKey} creates a key ({@link TenantKeyFactory}); {@link #destroyKey}
 * disables it and schedules its deletion after 7 days (the minimum; from then on nothing it wrapped decrypts).
 * {@link Mode#SHARED}: every tenant uses the configured key; {@link #destroyKey} refuses.
 *
 * <p>Errors map as {@link AwsErrors} says; no retries here (wrap in {@code ResilientKms}); each call is bounded by
 * the client's timeouts ({@link AwsKmsClients}). Never logs key material, blobs or plaintext; the plaintext DEK is
 * copied out of the SDK's response at once (the SDK's own buffer cannot be zeroed and becomes garbage). Thread-safe.
 */
public final class AwsKms implements Kms {
    static final int DELETION_WINDOW_DAYS = 7;

    private final KmsClient client;
    private final AwsKmsSettings settings;
    private final TenantKeyFactory tenantKeys;
    private volatile KekRef sharedKey;

    /** Uses {@code client} (and closes it on {@link #close()}). */
    public AwsKms(KmsClient client, AwsKmsSettings settings) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tenantKeys = new TenantKeyFactory(client, settings.aliasPrefix());
    }

    /** AWS KMS with the SDK's default credentials chain. */
    public static AwsKms create(AwsKmsSettings settings) {
        return create(settings, DefaultCredentialsProvider.builder().build());
    }

    /** AWS KMS with {@code credentials}. */
    public static AwsKms create(AwsKmsSettings settings, AwsCredentialsProvider credentials) {
        return new AwsKms(AwsKmsClients.client(settings, credentials), settings);
    }

    @Override
    public KekRef resolve(String keyReference) {
        return new KekRef(call("DescribeKey", keyReference, () -> client.describeKey(r -> r.keyId(keyReference)))
                .keyMetadata().arn());
    }

    @Override
    public KekRef createTenantKey(TenantId tenant) {
        if (settings.mode() == Mode.SHARED) {
            KekRef shared = sharedKey;
            return shared != null ? shared : (sharedKey = resolve(settings.keyId().orElseThrow()));
        }
        return tenantKeys.create(tenant);
    }

    @Override
    public GeneratedDataKey generateDataKey(KekRef kek, TenantId tenant) {
        GenerateDataKeyResponse response = call("GenerateDataKey", kek.value(), () -> client.generateDataKey(r -> r
                .keyId(kek.value()).keySpec(DataKeySpec.AES_256).encryptionContext(context(tenant))));
        byte[] plaintext = response.plaintext().asByteArray();
        if (!kek.value().equals(response.keyId())) {
            Arrays.fill(plaintext, (byte) 0);
            throw VaultCryptoException.encryptionFailed(null);
        }
        return new GeneratedDataKey(plaintext, response.ciphertextBlob().asByteArray(), kek);
    }

    @Override
    public byte[] unwrap(KekRef kek, TenantId tenant, byte[] wrappedDek) {
        if (wrappedDek.length == 0) {
            throw VaultCryptoException.decryptionFailed();
        }
        DecryptResponse response = call("Decrypt", kek.value(), () -> client.decrypt(r -> r.keyId(kek.value())
                .ciphertextBlob(SdkBytes.fromByteArray(wrappedDek)).encryptionContext(context(tenant))));
        byte[] plaintext = response.plaintext().asByteArray();
        if (!kek.value().equals(response.keyId())) {
            Arrays.fill(plaintext, (byte) 0);
            throw VaultCryptoException.decryptionFailed();
        }
        return plaintext;
    }

    @Override
    public void destroyKey(KekRef kek) {
        if (settings.mode() == Mode.SHARED) {
            throw new UnsupportedOperationException("crypto-shredding needs per-tenant keys (" + AwsKmsSettings.TENANT_KEYS
                    + "=per-tenant): the shared KMS key protects every tenant and is not destroyed");
        }
        KeyState state;
        try {
            state = call("DescribeKey", kek.value(), () -> client.describeKey(r -> r.keyId(kek.value()))).keyMetadata().keyState();
        } catch (KmsKeyNotFoundException alreadyGone) {
            return;
        }
        if (state == KeyState.PENDING_DELETION) {
            return;
        }
        call("DisableKey", kek.value(), () -> client.disableKey(r -> r.keyId(kek.value())));
        call("ScheduleKeyDeletion", kek.value(), () -> client.scheduleKeyDeletion(r -> r.keyId(kek.value())
                .pendingWindowInDays(DELETION_WINDOW_DAYS)));
    }

    @Override
    public void close() {
        client.close();
    }

    static <T> T call(String operation, String key, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw AwsErrors.map(operation, key, e);
        }
    }

    private static Map<String, String> context(TenantId tenant) {
        return EncryptionContext.tenantDataKey(tenant).entries();
    }

    @Override
    public String toString() {
        return "AwsKms[" + settings.mode() + ", endpoint=" + settings.endpointOverride().map(Object::toString).orElse("default")
                + ", region=" + settings.region().orElse("default") + "]";
    }
}
