package io.authpipe.vault.kms;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.GeneratedDataKey;
import io.authpipe.vault.KekRef;
import io.authpipe.vault.Kms;
import io.authpipe.vault.MutableClock;
import java.time.Duration;

/** Test decorator: every call takes {@code latency} on the test clock (the clock is advanced, nobody sleeps). */
final class SlowKms implements Kms {
    private final Kms delegate;
    private final MutableClock clock;
    private final Duration latency;

    SlowKms(Kms delegate, MutableClock clock, Duration latency) {
        this.delegate = delegate;
        this.clock = clock;
        this.latency = latency;
    }

    @Override
    public KekRef resolve(String keyReference) {
        clock.advance(latency);
        return delegate.resolve(keyReference);
    }

    @Override
    public KekRef createTenantKey(TenantId tenant) {
        clock.advance(latency);
        return delegate.createTenantKey(tenant);
    }

    @Override
    public GeneratedDataKey generateDataKey(KekRef kek, TenantId tenant) {
        clock.advance(latency);
        return delegate.generateDataKey(kek, tenant);
    }

    @Override
    public byte[] unwrap(KekRef kek, TenantId tenant, byte[] wrappedDek) {
        clock.advance(latency);
        return delegate.unwrap(kek, tenant, wrappedDek);
    }

    @Override
    public void destroyKey(KekRef kek) {
        clock.advance(latency);
        delegate.destroyKey(kek);
    }
}
