package io.authpipe.vault;

import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.core.identity.TenantId;
import java.util.Objects;

/**
 * What a ciphertext is bound to: the row it belongs to. All four fields go into the AAD of the envelope (see
 * {@link Vault}), so a ciphertext copied to another tenant, provider, subject or purpose does not decrypt.
 *
 * <p>The binding is not stored in the envelope: the caller reconstructs it from where the ciphertext lives (the
 * Kafka key, the app record, the flow record). Choose values that are stable for the life of the ciphertext.
 *
 * @param tenant   the owning tenant; must be the tenant of the {@link TenantKeys} used
 * @param provider the provider family, e.g. {@code mastodon}
 * @param subject  the user id for connection secrets ({@link #forConnection}); another stable name otherwise, e.g.
 *                 {@code app:<instance host>} for app client secrets or {@code flow:<state hash>} for PKCE verifiers
 * @param purpose  what the secret is
 */
public record SecretBinding(TenantId tenant, String provider, String subject, Purpose purpose) {

    public SecretBinding {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(purpose, "purpose");
        if (provider.isEmpty() || subject.isEmpty()) {
            throw new IllegalArgumentException("provider and subject must not be empty");
        }
    }

    /** The binding of a connection's secret: tenant, provider and user of {@code key}; subject = user id. */
    public static SecretBinding forConnection(ConnectionKey key, Purpose purpose) {
        return new SecretBinding(key.tenant(), key.provider().value(), key.user().value(), purpose);
    }

    /** The binding of an app registration's client secret: subject {@code app:<appRef>}. */
    public static SecretBinding forAppClientSecret(TenantId tenant, String provider, String appRef) {
        return new SecretBinding(tenant, provider, "app:" + appRef, Purpose.CLIENT_SECRET);
    }
}
