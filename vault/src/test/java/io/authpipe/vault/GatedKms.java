package io.authpipe.vault;

import io.authpipe.core.identity.TenantId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test decorator: data-key calls for {@code gatedTenant} block until {@link #open()}, then go through or, if
 * {@link #failWhenOpened()}, fail as an outage would. Calls for other tenants pass at once. Counts gated calls.
 */
final class GatedKms implements Kms {
    private final Kms delegate;
    private final TenantId gatedTenant;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final AtomicInteger gatedCalls = new AtomicInteger();
    private volatile boolean fail;

    GatedKms(Kms delegate, TenantId gatedTenant) {
        this.delegate = delegate;
        this.gatedTenant = gatedTenant;
    }

    void open() {
        gate.countDown();
    }

    void failWhenOpened() {
        fail = true;
    }

    int gatedCalls() {
        return gatedCalls.get();
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
        pass(tenant, "GenerateDataKey");
        return delegate.generateDataKey(kek, tenant);
    }

    @Override
    public byte[] unwrap(KekRef kek, TenantId tenant, byte[] wrappedDek) {
        pass(tenant, "Decrypt");
        return delegate.unwrap(kek, tenant, wrappedDek);
    }

    @Override
    public void destroyKey(KekRef kek) {
        delegate.destroyKey(kek);
    }

    private void pass(TenantId tenant, String operation) {
        if (!tenant.equals(gatedTenant)) {
            return;
        }
        gatedCalls.incrementAndGet();
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (fail) {
            throw KmsUnavailableException.of(operation, "timed out (test)", null);
        }
    }
}
