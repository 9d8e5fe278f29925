package io.authpipe.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The baseline of {@link VaultBenchmark}: the same token sealed and opened with bare JCE {@code AES/GCM/NoPadding}, the
 * least a correct caller does: a 32-byte key, a fresh random 12-byte IV from {@link SecureRandom} per encryption, a
 * 16-byte tag, an AAD of the vault's size, output {@code IV || ciphertext || tag}. Like the vault, it takes a new
 * {@link Cipher} per operation ({@code Cipher} is not thread-safe). Same settings as {@link VaultBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class RawAesGcmBenchmark {
    /**
     * The vault's AAD for this token under {@code InMemoryKms} (vault/ENVELOPE.md section 1): header 1 + 2 + 31
     * ({@code memory:bench:1:<16 hex>}) + 2 + 61 (wrapped DEK) = 97, label 15, binding 4 + 5 ({@code bench}) + 4 + 8
     * ({@code mastodon}) + 4 + 18 (user id) + 4 + 12 ({@code ACCESS_TOKEN}) = 59; 171 bytes in all.
     */
    static final int AAD_BYTES = 171;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private SecretKey key;
    private byte[] aad;
    private byte[] plaintext;
    private byte[] sealed;

    @Setup
    public void setUp() throws GeneralSecurityException {
        key = new SecretKeySpec(randomBytes(32), "AES");
        aad = randomBytes(AAD_BYTES);
        plaintext = MastodonCredentials.token(new Random(42)).getBytes(StandardCharsets.UTF_8);
        sealed = encrypt();
    }

    @Benchmark
    public byte[] encrypt() throws GeneralSecurityException {
        byte[] out = new byte[IV_BYTES + plaintext.length + TAG_BITS / 8];
        byte[] iv = randomBytes(IV_BYTES);
        System.arraycopy(iv, 0, out, 0, IV_BYTES);
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(aad);
        cipher.doFinal(plaintext, 0, plaintext.length, out, IV_BYTES);
        return out;
    }

    @Benchmark
    public byte[] decrypt() throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
        cipher.updateAAD(aad);
        return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }
}
