package io.authpipe.vault.internal;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.Kms;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A KMS encryption context: string pairs bound as AAD to a wrapped key (AWS: {@code EncryptionContext}).
 *
 * <p>Canonical encoding, order-independent and injective (see {@code vault/ENVELOPE.md}):
 * {@code UTF-8 "authpipe-ec-v1" || int32 entry count || for each entry in ascending key order:
 * int32 length || UTF-8 key || int32 length || UTF-8 value} (int32 big-endian).
 *
 * @param entries the pairs, in any order (the encoding sorts them)
 */
public record EncryptionContext(Map<String, String> entries) {
    private static final String LABEL = "authpipe-ec-v1";

    public EncryptionContext {
        entries = Map.copyOf(Objects.requireNonNull(entries, "entries"));
    }

    /** {@code {"tenant": <id>, "purpose": "tenant-data-key"}}: the context of every tenant data key. */
    public static EncryptionContext tenantDataKey(TenantId tenant) {
        return new EncryptionContext(Map.of(
                Kms.CONTEXT_TENANT, tenant.value(),
                Kms.CONTEXT_PURPOSE, Kms.PURPOSE_TENANT_DATA_KEY));
    }

    /** The context of a tenant KEK file wrapped by the local master key: {@code {"tenant", "purpose": "tenant-kek", "kek": n}}. */
    public static EncryptionContext tenantKek(TenantId tenant, int number) {
        return new EncryptionContext(Map.of(
                Kms.CONTEXT_TENANT, tenant.value(),
                Kms.CONTEXT_PURPOSE, "tenant-kek",
                "kek", Integer.toString(number)));
    }

    /** The canonical bytes, for use as AAD. */
    public byte[] canonicalBytes() {
        LengthPrefixed out = new LengthPrefixed().label(LABEL).int32(entries.size());
        new TreeMap<>(entries).forEach((key, value) -> out.field(key).field(value));
        return out.toByteArray();
    }
}
