package io.authpipe.records;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.Purpose;
import io.authpipe.vault.SecretBinding;

/**
 * Where a tenant secret lives on {@code authpipe.tenant-secrets} and what its envelope is bound to, shared by
 * broker-api (which stores them) and the services that read them from a global table (the health-worker's producer
 * signing keys).
 */
public final class TenantSecretRecords {
    /** The kind segment of producer signing keys. */
    public static final String PRODUCER_SIGNING_KEY = "producer-signing-key";
    private static final String PROVIDER = "authpipe";

    private TenantSecretRecords() {
    }

    /** The record key: {@code tenant:kind:name}. */
    public static String key(TenantId tenant, String kind, String name) {
        return tenant.value() + ':' + kind + ':' + name;
    }

    /** What the secret's envelope is bound to. */
    public static SecretBinding binding(TenantId tenant, String kind, String name, Purpose purpose) {
        return new SecretBinding(tenant, PROVIDER, kind + ':' + name, purpose);
    }

    /** What a producer signing key's envelope is bound to. */
    public static SecretBinding producerKeyBinding(TenantId tenant, String keyId) {
        return binding(tenant, PRODUCER_SIGNING_KEY, keyId, Purpose.PRODUCER_SIGNING_KEY);
    }
}
