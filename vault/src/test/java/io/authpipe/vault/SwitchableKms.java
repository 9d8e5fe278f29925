package io.authpipe.vault;

import io.authpipe.core.identity.TenantId;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Test decorator: while {@link #down()} is in effect every data-key call fails as an outage would
 * ({@link KmsUnavailableException}); {@link #failNext(int)} fails only the next n calls.
 */
public final class SwitchableKms implements Kms {
    private final Kms delegate;
    private volatile boolean down;
    private final AtomicInteger failures = new AtomicInteger();

    public SwitchableKms(Kms delegate) {
        this.delegate = delegate;
    }

    public void down() {
        down = true;
    }

    public void up() {
        down = false;
    }

    public void failNext(int calls) {
        failures.set(calls);
    }

    @Override
    public KekRef resolve(String keyReference) {
        return call("DescribeKey", () -> delegate.resolve(keyReference));
    }

    @Override
    public KekRef createTenantKey(TenantId tenant) {
        return call("CreateKey", () -> delegate.createTenantKey(tenant));
    }

    @Override
    public GeneratedDataKey generateDataKey(KekRef kek, TenantId tenant) {
        return call("GenerateDataKey", () -> delegate.generateDataKey(kek, tenant));
    }

    @Override
    public byte[] unwrap(KekRef kek, TenantId tenant, byte[] wrappedDek) {
        return call("Decrypt", () -> delegate.unwrap(kek, tenant, wrappedDek));
    }

    @Override
    public void destroyKey(KekRef kek) {
        call("ScheduleKeyDeletion", () -> {
            delegate.destroyKey(kek);
            return null;
        });
    }

    private <T> T call(String operation, Supplier<T> call) {
        if (down || failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw KmsUnavailableException.of(operation, "connection refused (test)", null);
        }
        return call.get();
    }
}
