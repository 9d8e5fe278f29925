package io.authpipe.benchmarks;

import io.authpipe.core.secret.Secret;
import io.authpipe.vault.Purpose;
import io.authpipe.vault.SecretBinding;
import io.authpipe.vault.TenantKeys;
import io.authpipe.vault.Vault;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Mastodon credentials (an access and a refresh token each) of connections spread round-robin over tenants, and their
 * envelopes as a store would hold them: connection {@code i} belongs to tenant {@code i % tenants}, user {@code i}.
 * The tokens are kept to check every read. Not thread-safe.
 */
final class SealedCredentials {
    private final List<TenantKeys> tenants;
    private final String[][] tokens;
    private final byte[][][] envelopes;

    private SealedCredentials(List<TenantKeys> tenants, String[][] tokens) {
        this.tenants = new ArrayList<>(tenants);
        this.tokens = tokens;
        this.envelopes = new byte[tokens.length][][];
    }

    /** {@code count} credentials with tokens from {@code random}, not sealed yet. */
    static SealedCredentials generate(List<TenantKeys> tenants, int count, Random random) {
        String[][] tokens = new String[count][];
        for (int i = 0; i < count; i++) {
            tokens[i] = new String[] {MastodonCredentials.token(random), MastodonCredentials.token(random)};
        }
        return new SealedCredentials(tenants, tokens);
    }

    /** Envelopes in all: two per credential. */
    long envelopes() {
        return 2L * tokens.length;
    }

    /** Seals every token under its tenant's current key. */
    void sealAll(Vault vault) {
        for (int i = 0; i < tokens.length; i++) {
            seal(vault, i);
        }
    }

    /** Opens every envelope and checks it holds its token. */
    void openAll(Vault vault) {
        for (int i = 0; i < tokens.length; i++) {
            open(vault, i);
        }
    }

    /** Gives every tenant a new KEK ({@link Vault#rotate}), as the start of a key rotation does. */
    void rotateTenants(Vault vault) {
        tenants.replaceAll(vault::rotate);
    }

    /**
     * The re-encryption job: every credential not sealed under its tenant's current key is opened and sealed again.
     *
     * @return credentials re-sealed
     */
    int resealAll(Vault vault) {
        int resealed = 0;
        for (int i = 0; i < tokens.length; i++) {
            if (!sealedUnderCurrentKey(vault, i)) {
                open(vault, i);
                seal(vault, i);
                resealed++;
            }
        }
        return resealed;
    }

    /** Whether every envelope is sealed under its tenant's current key. */
    boolean allSealedUnderCurrentKey(Vault vault) {
        for (int i = 0; i < tokens.length; i++) {
            if (!sealedUnderCurrentKey(vault, i)) {
                return false;
            }
        }
        return true;
    }

    private boolean sealedUnderCurrentKey(Vault vault, int i) {
        TenantKeys keys = keysOf(i);
        return vault.isSealedUnderCurrentKey(keys, envelopes[i][0]) && vault.isSealedUnderCurrentKey(keys, envelopes[i][1]);
    }

    private void seal(Vault vault, int i) {
        TenantKeys keys = keysOf(i);
        envelopes[i] = new byte[][] {
            vault.encrypt(keys, binding(keys, i, Purpose.ACCESS_TOKEN), Secret.of(tokens[i][0])),
            vault.encrypt(keys, binding(keys, i, Purpose.REFRESH_TOKEN), Secret.of(tokens[i][1]))};
    }

    private void open(Vault vault, int i) {
        TenantKeys keys = keysOf(i);
        Secret access = vault.decrypt(keys, binding(keys, i, Purpose.ACCESS_TOKEN), envelopes[i][0]);
        Secret refresh = vault.decrypt(keys, binding(keys, i, Purpose.REFRESH_TOKEN), envelopes[i][1]);
        if (!access.reveal().equals(tokens[i][0]) || !refresh.reveal().equals(tokens[i][1])) {
            throw new IllegalStateException("credential " + i + " did not open to what was sealed");
        }
    }

    private TenantKeys keysOf(int i) {
        return tenants.get(i % tenants.size());
    }

    private static SecretBinding binding(TenantKeys keys, int i, Purpose purpose) {
        return MastodonCredentials.binding(keys.tenant(), i, purpose);
    }
}
