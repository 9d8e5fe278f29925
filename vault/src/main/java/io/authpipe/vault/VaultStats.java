package io.authpipe.vault;

/**
 * Counters of one {@link Vault} since it was built: how often it sealed and opened, and how often it had to ask the
 * KMS. Calls are counted as the vault makes them; retries inside {@code ResilientKms} are not counted again.
 *
 * @param encryptions        encryptions that asked for a data key (including those that then failed)
 * @param decryptions        decryptions that asked for a data key (not those refused earlier: malformed envelope,
 *                           KEK or key id the tenant does not have, other tenant)
 * @param kmsGenerateCalls   {@link Kms#generateDataKey} calls (successful or not)
 * @param kmsUnwrapCalls     {@link Kms#unwrap} calls (successful or not)
 * @param encryptionDekHits  encryptions served by a cached encryption DEK
 * @param decryptionDekHits  decryptions served by a cached unwrapped DEK
 */
public record VaultStats(long encryptions, long decryptions, long kmsGenerateCalls, long kmsUnwrapCalls,
                         long encryptionDekHits, long decryptionDekHits) {

    /** All KMS calls: generate plus unwrap. */
    public long kmsCalls() {
        return kmsGenerateCalls + kmsUnwrapCalls;
    }
}
