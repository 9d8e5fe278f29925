package io.authpipe.benchmarks;

import io.authpipe.core.identity.TenantId;
import io.authpipe.kms.emulator.KmsEmulator;
import io.authpipe.vault.Kms;
import io.authpipe.vault.TenantKeys;
import io.authpipe.vault.Vault;
import io.authpipe.vault.kms.ResilientKms;
import io.authpipe.vault.kms.aws.AwsKms;
import io.authpipe.vault.kms.aws.AwsKmsSettings;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Counts the requests the {@link Vault} sends to AWS KMS: {@link AwsKms} with per-tenant keys behind
 * {@link ResilientKms}, as in production, through the real AWS SDK against a {@link KmsEmulator} on loopback, which
 * counts every request per operation. Prints the table on stdout (plain text, then Markdown):
 *
 * <ul>
 *   <li>1 tenant, then 10 tenants: create the tenants, write {@value #CREDENTIALS} credentials (access + refresh
 *       token each), read them all back with the same vault (warm) and with a new vault (cold);</li>
 *   <li>key rotation of {@value #ROTATED_CREDENTIALS} credentials of one tenant: {@link Vault#rotate}, then every
 *       envelope opened and sealed again by a vault that did not write them, as the re-encryption job does.</li>
 * </ul>
 *
 * Wall times include the loopback round trips to the emulator and, for the first steps, JIT warm-up: they are
 * indicative; the throughput of sealing itself is measured by {@link VaultBenchmark}.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.authpipe.benchmarks.KmsCallsReport}
 */
public final class KmsCallsReport {
    static final int CREDENTIALS = 10_000;
    static final int ROTATED_CREDENTIALS = 100_000;
    private static final StaticCredentialsProvider EMULATOR_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private final Kms kms;
    private final PhaseMeter meter;
    private final Clock clock;
    private final Random random = new Random(2025);

    KmsCallsReport(Kms kms, PhaseMeter meter, Clock clock) {
        this.kms = kms;
        this.meter = meter;
        this.clock = clock;
    }

    public static void main(String[] args) {
        try (KmsEmulator emulator = KmsEmulator.start();
             Kms kms = new ResilientKms(AwsKms.create(AwsKmsSettings.perTenant(emulator.endpoint(), emulator.region()),
                     EMULATOR_CREDENTIALS))) {
            PhaseMeter meter = new PhaseMeter(emulator);
            KmsCallsReport report = new KmsCallsReport(kms, meter, Clock.systemUTC());
            report.writeAndRead("1 tenant", "one", 1);
            report.writeAndRead("10 tenants", "ten", 10);
            Phase rotation = report.rotation();
            new KmsCallsPrinter(System.out).print(emulator.endpoint().toString(), meter.phases(), rotation);
        }
    }

    /** Writes and reads back {@link #CREDENTIALS} credentials spread over {@code tenantCount} new tenants. */
    void writeAndRead(String scenario, String tenantPrefix, int tenantCount) {
        Vault writer = new Vault(kms, clock);
        List<TenantKeys> tenants = meter.call(scenario, "create " + tenantCount + " tenant" + (tenantCount == 1 ? "" : "s"),
                () -> createTenants(writer, tenantPrefix, tenantCount));
        SealedCredentials credentials = SealedCredentials.generate(tenants, CREDENTIALS, random);
        meter.run(scenario, "write " + count(CREDENTIALS) + " credentials", credentials.envelopes(),
                () -> credentials.sealAll(writer));
        meter.run(scenario, "read all, same vault (warm)", credentials.envelopes(), () -> credentials.openAll(writer));
        Vault coldReader = new Vault(kms, clock);
        meter.run(scenario, "read all, new vault (cold)", credentials.envelopes(), () -> credentials.openAll(coldReader));
    }

    /**
     * Rotates the key of one tenant holding {@link #ROTATED_CREDENTIALS} credentials and re-encrypts them all.
     *
     * @return the rotation as one step: {@link Vault#rotate} and the re-encryption
     */
    Phase rotation() {
        String scenario = "rotation, 1 tenant";
        Vault writer = new Vault(kms, clock);
        List<TenantKeys> tenants = meter.call(scenario, "setup: create 1 tenant", () -> createTenants(writer, "rotation", 1));
        SealedCredentials credentials = SealedCredentials.generate(tenants, ROTATED_CREDENTIALS, random);
        meter.run(scenario, "setup: write " + count(ROTATED_CREDENTIALS) + " credentials", credentials.envelopes(),
                () -> credentials.sealAll(writer));
        Vault job = new Vault(kms, clock);
        Phase rotate = meter.run(scenario, "rotate the tenant (Vault.rotate)", 0, () -> credentials.rotateTenants(job));
        Phase reseal = meter.run(scenario, "re-encrypt all (job vault, cold)", credentials.envelopes(), () -> {
            if (credentials.resealAll(job) != ROTATED_CREDENTIALS || !credentials.allSealedUnderCurrentKey(job)) {
                throw new IllegalStateException("the re-encryption left credentials under the old key");
            }
        });
        return rotate.then(reseal, "key rotation (rotate + re-encrypt)");
    }

    private static List<TenantKeys> createTenants(Vault vault, String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> vault.createTenantKeys(TenantId.of(prefix + "-" + i))).toList();
    }

    /** {@code value} with thousands separators: {@code 10,000}. */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
