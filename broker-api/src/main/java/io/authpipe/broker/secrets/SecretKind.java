package io.authpipe.broker.secrets;

import io.authpipe.events.TenantSecretKind;
import io.authpipe.records.TenantSecretRecords;
import io.authpipe.vault.Purpose;
import java.util.Arrays;
import java.util.Optional;

/** The kinds of secret a tenant can keep in the vault, with their URL segment and vault purpose. */
public enum SecretKind {
    WEBHOOK_SIGNING_SECRET("webhook-signing-secret", Purpose.WEBHOOK_SECRET, TenantSecretKind.WEBHOOK_SIGNING_SECRET),
    APP_PASSWORD("app-password", Purpose.APP_PASSWORD, TenantSecretKind.APP_PASSWORD),
    /** Issued by Authpipe ({@code /v1/producer-keys}), never stored or read back through {@code /v1/secrets}. */
    PRODUCER_SIGNING_KEY(TenantSecretRecords.PRODUCER_SIGNING_KEY, Purpose.PRODUCER_SIGNING_KEY, TenantSecretKind.PRODUCER_SIGNING_KEY);

    private final String segment;
    private final Purpose purpose;
    private final TenantSecretKind avro;

    SecretKind(String segment, Purpose purpose, TenantSecretKind avro) {
        this.segment = segment;
        this.purpose = purpose;
        this.avro = avro;
    }

    /** A kind tenants store and read back through {@code /v1/secrets/{kind}/...}. */
    public static Optional<SecretKind> fromSegment(String segment) {
        return Arrays.stream(values()).filter(k -> k != PRODUCER_SIGNING_KEY && k.segment.equals(segment)).findFirst();
    }

    static SecretKind fromAvro(TenantSecretKind kind) {
        return Arrays.stream(values()).filter(k -> k.avro == kind).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown secret kind " + kind));
    }

    public String segment() {
        return segment;
    }

    Purpose purpose() {
        return purpose;
    }

    TenantSecretKind avro() {
        return avro;
    }
}
