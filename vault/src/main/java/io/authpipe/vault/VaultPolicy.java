package io.authpipe.vault;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the {@link Vault} keeps data keys (DEKs) in memory, and how much one DEK may seal. Defaults follow
 * Kroxylicious's record encryption.
 *
 * @param encryptionDekRefreshAfter a tenant's encryption DEK is replaced by a fresh one this long after it was generated;
 *                                  if the KMS fails then, the old one stays in use until it expires
 * @param encryptionDekExpireAfter  an encryption DEK is never used to seal after this age (at least the refresh age)
 * @param encryptionsPerDek         the encryption budget of one DEK; a fresh DEK is generated when it is used up. At
 *                                  most 2<sup>32</sup>, the NIST SP 800-38D bound for random 96-bit IVs
 * @param decryptedDekIdleExpiry    an unwrapped DEK is dropped (and zeroed) this long after its last use
 */
public record VaultPolicy(Duration encryptionDekRefreshAfter, Duration encryptionDekExpireAfter,
                          long encryptionsPerDek, Duration decryptedDekIdleExpiry) {
    /** The largest budget random IVs allow: 2^32 (IV collision probability then below 2^-32). */
    public static final long MAX_ENCRYPTIONS_PER_DEK = 1L << 32;

    public VaultPolicy {
        positive(encryptionDekRefreshAfter, "encryptionDekRefreshAfter");
        positive(encryptionDekExpireAfter, "encryptionDekExpireAfter");
        positive(decryptedDekIdleExpiry, "decryptedDekIdleExpiry");
        if (encryptionDekExpireAfter.compareTo(encryptionDekRefreshAfter) < 0) {
            throw new IllegalArgumentException("encryptionDekExpireAfter must not be shorter than encryptionDekRefreshAfter");
        }
        if (encryptionsPerDek < 1 || encryptionsPerDek > MAX_ENCRYPTIONS_PER_DEK) {
            throw new IllegalArgumentException("encryptionsPerDek must be between 1 and 2^32, was " + encryptionsPerDek);
        }
    }

    /** Refresh after 1 h, expire after 2 h, 5,000,000 encryptions per DEK, unwrapped DEKs idle for 1 h dropped. */
    public static VaultPolicy defaults() {
        return new VaultPolicy(Duration.ofHours(1), Duration.ofHours(2), 5_000_000, Duration.ofHours(1));
    }

    private static void positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
