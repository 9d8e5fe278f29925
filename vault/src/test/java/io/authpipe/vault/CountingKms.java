package io.authpipe.vault;

import io.authpipe.core.identity.TenantId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test decorator: counts the calls that reach the KMS and remembers every plaintext data key it handed out (the very
 * arrays), so tests can check that the vault zeroes them.
 */
public final class CountingKms implements Kms {
    private final Kms delegate;
    private final AtomicInteger generates = new AtomicInteger();
    private final AtomicInteger unwraps = new AtomicInteger();
    private final List<byte[]> handedOut = new CopyOnWriteArrayList<>();

    public CountingKms(Kms delegate) {
        this.delegate = delegate;
    }

    public int generates() {
        return generates.get();
    }

    public int unwraps() {
        return unwraps.get();
    }

    /** Every plaintext DEK array returned so far, oldest first. */
    public List<byte[]> handedOut() {
        return handedOut;
    }

    @Override
    public KekRef resolve(String keyReference) {
        return delegate.resolve(keyReference);
    }

    @Override
    public KekRef createTenantKey(TenantId tenant) {
        return delegate.createTenantKey(tenant);
    }

    @Override
    public GeneratedDataKey generateDataKey(KekRef kek, TenantId tenant) {
        generates.incrementAndGet();
        GeneratedDataKey generated = delegate.generateDataKey(kek, tenant);
        handedOut.add(generated.plaintext());
        return generated;
    }

    @Override
    public byte[] unwrap(KekRef kek, TenantId tenant, byte[] wrappedDek) {
        unwraps.incrementAndGet();
        byte[] dek = delegate.unwrap(kek, tenant, wrappedDek);
        handedOut.add(dek);
        return dek;
    }

    @Override
    public void destroyKey(KekRef kek) {
        delegate.destroyKey(kek);
    }
}
