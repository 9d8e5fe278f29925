package io.authpipe.vault;

import io.authpipe.core.identity.TenantId;
import java.util.concurrent.atomic.AtomicInteger;

/** Test decorator: counts the calls that reach the KMS, to observe the vault's DEK cache. */
public final class CountingKms implements Kms {
    private final Kms delegate;
    private final AtomicInteger unwraps = new AtomicInteger();

    public CountingKms(Kms delegate) {
        this.delegate = delegate;
    }

    public int unwraps() {
        return unwraps.get();
    }

    @Override
    public GeneratedDataKey generateDataKey(TenantId tenant) {
        return delegate.generateDataKey(tenant);
    }

    @Override
    public byte[] unwrap(TenantId tenant, WrappedDataKey wrapped) {
        unwraps.incrementAndGet();
        return delegate.unwrap(tenant, wrapped);
    }

    @Override
    public String kekRef() {
        return delegate.kekRef();
    }
}
