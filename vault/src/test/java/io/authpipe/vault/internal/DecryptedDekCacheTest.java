package io.authpipe.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.KekRef;
import io.authpipe.vault.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class DecryptedDekCacheTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final KekRef KEK = new KekRef("memory:acme:1:0000000000000000");
    private static final byte[] WRAPPED = {1, 2, 3};

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final DecryptedDekCache cache = new DecryptedDekCache(clock, Duration.ofHours(1));
    private final AtomicInteger unwraps = new AtomicInteger();
    private final byte[] dek = GoldenVectors.DEK.clone();

    @Test
    void keyUsedWithinTheIdleExpiryIsServedFromTheCacheAsACopyTheCallerMayDestroy() {
        cache.lease(ACME, KEK, WRAPPED, unwrap()).destroy();
        clock.advance(Duration.ofMinutes(59));
        cache.lease(ACME, KEK, WRAPPED, unwrap()).destroy();
        clock.advance(Duration.ofMinutes(59));
        assertThat(cache.lease(ACME, KEK, WRAPPED, unwrap()).getEncoded()).isEqualTo(GoldenVectors.DEK);
        assertThat(unwraps).hasValue(1);
        assertThat(cache.hits()).isEqualTo(2);
    }

    @Test
    void expiredKeyIsSweptAndItsBytesZeroed() {
        cache.lease(ACME, KEK, WRAPPED, unwrap());
        clock.advance(Duration.ofMinutes(61));
        cache.lease(TenantId.of("globex"), KEK, WRAPPED, () -> GoldenVectors.KEK.clone());
        assertThat(dek).containsOnly(0);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void evictingATenantZeroesItsKeys() {
        cache.lease(ACME, KEK, WRAPPED, unwrap());
        cache.evict(ACME);
        assertThat(dek).containsOnly(0);
        assertThat(cache.size()).isZero();
    }

    @Test
    void keyCachedForOneTenantKekOrWrappedKeyIsNotServedForAnother() {
        cache.lease(ACME, KEK, WRAPPED, unwrap());
        cache.lease(TenantId.of("globex"), KEK, WRAPPED, copy());
        cache.lease(ACME, new KekRef("memory:acme:2:0000000000000000"), WRAPPED, copy());
        cache.lease(ACME, KEK, new byte[] {1, 2, 4}, copy());
        assertThat(unwraps).hasValue(4);
    }

    @Test
    void theCallersArrayIsNotKeptAsKey() {
        byte[] wrapped = WRAPPED.clone();
        cache.lease(ACME, KEK, wrapped, unwrap());
        wrapped[0] = 9;
        cache.lease(ACME, KEK, WRAPPED, copy());
        assertThat(unwraps).hasValue(1);
    }

    private Supplier<byte[]> unwrap() {
        return () -> {
            unwraps.incrementAndGet();
            return dek;
        };
    }

    private Supplier<byte[]> copy() {
        return () -> {
            unwraps.incrementAndGet();
            return dek.clone();
        };
    }
}
