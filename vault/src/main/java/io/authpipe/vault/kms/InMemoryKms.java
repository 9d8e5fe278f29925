package io.authpipe.vault.kms;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.GeneratedDataKey;
import io.authpipe.vault.KekRef;
import io.authpipe.vault.Kms;
import io.authpipe.vault.KmsKeyNotFoundException;
import io.authpipe.vault.VaultCryptoException;
import io.authpipe.vault.internal.AesGcm;
import io.authpipe.vault.internal.InProcessKek;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A {@link Kms} for tests: per-tenant random AES-256 KEKs in a map, lost with the instance. Refs
 * {@code memory:<tenant>:<n>:<16 hex of SHA-256 of the KEK>} ({@link #resolve} also accepts
 * {@code memory:<tenant>:<n>}); the same wrapped-key format as {@link LocalKeyFileKms}. {@link #destroyKey} zeroes and
 * removes the KEK. Never throws {@link io.authpipe.vault.KmsUnavailableException}. Thread-safe.
 */
public final class InMemoryKms implements Kms {
    private static final String SCHEME = "memory";

    private final Map<KekRef, InProcessKek> keks = new ConcurrentHashMap<>();
    private final Map<TenantId, AtomicInteger> numbers = new ConcurrentHashMap<>();

    @Override
    public KekRef resolve(String keyReference) {
        return TenantKekRef.parse(SCHEME, keyReference).flatMap(ref -> keks.keySet().stream()
                        .filter(kek -> TenantKekRef.parse(SCHEME, kek.value()).filter(ref::names).isPresent())
                        .findFirst())
                .orElseThrow(() -> new KmsKeyNotFoundException("DescribeKey", keyReference, null));
    }

    @Override
    public KekRef createTenantKey(TenantId tenant) {
        byte[] bytes = AesGcm.randomBytes(AesGcm.KEY_BYTES);
        int number = numbers.computeIfAbsent(tenant, t -> new AtomicInteger()).incrementAndGet();
        KekRef ref = TenantKekRef.canonical(SCHEME, tenant, number, InProcessKek.fingerprint(bytes));
        keks.put(ref, new InProcessKek(bytes, ref));
        Arrays.fill(bytes, (byte) 0);
        return ref;
    }

    @Override
    public GeneratedDataKey generateDataKey(KekRef kek, TenantId tenant) {
        return kek(kek, "GenerateDataKey", () -> VaultCryptoException.encryptionFailed(null)).generateDataKey(tenant);
    }

    @Override
    public byte[] unwrap(KekRef kek, TenantId tenant, byte[] wrappedDek) {
        InProcessKek key = kek(kek, "Decrypt", VaultCryptoException::decryptionFailed);
        if (!TenantKekRef.parse(SCHEME, kek.value()).map(ref -> ref.tenant().equals(tenant)).orElse(false)) {
            throw VaultCryptoException.decryptionFailed();
        }
        return key.unwrap(tenant, wrappedDek);
    }

    @Override
    public void destroyKey(KekRef kek) {
        InProcessKek removed = keks.remove(kek);
        if (removed != null) {
            removed.destroy();
        }
    }

    /** The KEK {@code ref} names canonically; {@code otherName} if it is another name of a key (the key-id check). */
    private InProcessKek kek(KekRef ref, String operation, Supplier<VaultCryptoException> otherName) {
        InProcessKek kek = keks.get(ref);
        if (kek != null) {
            return kek;
        }
        if (TenantKekRef.parse(SCHEME, ref.value()).isPresent() && resolves(ref.value())) {
            throw otherName.get();
        }
        throw new KmsKeyNotFoundException(operation, ref.value(), null);
    }

    private boolean resolves(String reference) {
        try {
            resolve(reference);
            return true;
        } catch (KmsKeyNotFoundException unknown) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "InMemoryKms[" + keks.size() + " keys]";
    }
}
