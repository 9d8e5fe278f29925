package io.authpipe.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.MutableClock;
import io.authpipe.vault.WrappedDataKey;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class DekCacheTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final WrappedDataKey WRAPPED = new WrappedDataKey(1, "memory:test", new byte[] {1, 2, 3});

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final DekCache cache = new DekCache(clock, Duration.ofHours(1));
    private final AtomicInteger unwraps = new AtomicInteger();
    private final byte[] dek = GoldenVectors.DEK.clone();

    @Test
    void keyUsedWithinTheIdleExpiryIsServedFromTheCache() {
        cache.get(ACME, WRAPPED, unwrap());
        clock.advance(Duration.ofMinutes(59));
        cache.get(ACME, WRAPPED, unwrap());
        clock.advance(Duration.ofMinutes(59));
        assertThat(cache.get(ACME, WRAPPED, unwrap()).getEncoded()).isEqualTo(GoldenVectors.DEK);
        assertThat(unwraps).hasValue(1);
    }

    @Test
    void keyIdleForAnHourIsUnwrappedAgain() {
        cache.get(ACME, WRAPPED, unwrap());
        clock.advance(Duration.ofHours(1));
        cache.get(ACME, WRAPPED, unwrap());
        assertThat(unwraps).hasValue(2);
    }

    @Test
    void expiredKeyIsSweptAndItsBytesZeroed() {
        cache.get(ACME, WRAPPED, unwrap());
        clock.advance(Duration.ofMinutes(61));
        cache.get(TenantId.of("globex"), WRAPPED, () -> GoldenVectors.KEK.clone());
        assertThat(dek).containsOnly(0);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void evictingATenantZeroesItsKeys() {
        cache.get(ACME, WRAPPED, unwrap());
        cache.evict(ACME);
        assertThat(dek).containsOnly(0);
        assertThat(cache.size()).isZero();
    }

    @Test
    void keyCachedForOneTenantIsNotServedToAnother() {
        cache.get(ACME, WRAPPED, unwrap());
        cache.get(TenantId.of("globex"), WRAPPED, unwrap());
        assertThat(unwraps).hasValue(2);
    }

    private Supplier<byte[]> unwrap() {
        return () -> {
            unwraps.incrementAndGet();
            return dek;
        };
    }
}
