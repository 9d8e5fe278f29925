package io.authpipe.benchmarks;

import io.authpipe.core.identity.TenantId;
import io.authpipe.core.secret.Secret;
import io.authpipe.vault.Purpose;
import io.authpipe.vault.SecretBinding;
import io.authpipe.vault.TenantKeys;
import io.authpipe.vault.Vault;
import io.authpipe.vault.VaultPolicy;
import io.authpipe.vault.VaultStats;
import io.authpipe.vault.kms.InMemoryKms;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sealing and opening one 43-character Mastodon access token through {@link Vault} (envelope v2), on one thread, with
 * warm caches: the tenant's encryption DEK and the unwrapped DEK are cached in setup, so no iteration asks the KMS
 * (an {@link InMemoryKms}) anything, except for a fresh DEK each 5,000,000 encryptions (the default budget).
 * Compare with {@link RawAesGcmBenchmark}: the difference is the vault's own work (envelope framing, AAD, key leases,
 * UTF-8 and {@link Secret} conversion).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class VaultBenchmark {
    private Vault vault;
    private TenantKeys keys;
    private SecretBinding binding;
    private Secret token;
    private byte[] envelope;

    @Setup
    public void setUp() {
        vault = new Vault(new InMemoryKms(), Clock.systemUTC());
        keys = vault.createTenantKeys(TenantId.of("bench"));
        binding = MastodonCredentials.binding(keys.tenant(), 0, Purpose.ACCESS_TOKEN);
        token = Secret.of(MastodonCredentials.token(new Random(42)));
        envelope = vault.encrypt(keys, binding, token);
        if (!vault.decrypt(keys, binding, envelope).equals(token)) {
            throw new IllegalStateException("the vault did not round-trip the token");
        }
    }

    @Benchmark
    public byte[] encrypt() {
        return vault.encrypt(keys, binding, token);
    }

    @Benchmark
    public Secret decrypt() {
        return vault.decrypt(keys, binding, envelope);
    }

    /** Fails the run if the caches were not warm: one GenerateDataKey per DEK budget at most, no unwrap. */
    @TearDown
    public void checkCachesStayedWarm() {
        VaultStats stats = vault.stats();
        long deks = 1 + stats.encryptions() / VaultPolicy.defaults().encryptionsPerDek();
        if (stats.kmsUnwrapCalls() > 0 || stats.kmsGenerateCalls() > deks) {
            throw new IllegalStateException("the vault asked the KMS during the run: " + stats);
        }
    }
}
