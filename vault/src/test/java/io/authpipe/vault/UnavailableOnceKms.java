package io.authpipe.vault;

import io.authpipe.core.identity.TenantId;
import java.util.concurrent.atomic.AtomicBoolean;

/** Test decorator: the first unwrap fails as a KMS outage would; later calls go through. */
final class UnavailableOnceKms implements Kms {
    private final Kms delegate;
    private final AtomicBoolean failed = new AtomicBoolean();

    UnavailableOnceKms(Kms delegate) {
        this.delegate = delegate;
    }

    @Override
    public GeneratedDataKey generateDataKey(TenantId tenant) {
        return delegate.generateDataKey(tenant);
    }

    @Override
    public byte[] unwrap(TenantId tenant, WrappedDataKey wrapped) {
        if (failed.compareAndSet(false, true)) {
            throw new KmsUnavailableException("KMS Decrypt timed out for key " + kekRef(), null);
        }
        return delegate.unwrap(tenant, wrapped);
    }

    @Override
    public String kekRef() {
        return delegate.kekRef();
    }
}
