package io.authpipe.broker.connection;

import io.authpipe.broker.kafka.Awaiting;
import io.authpipe.broker.kafka.Publisher;
import io.authpipe.broker.tenant.Tenant;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.core.secret.Secret;
import io.authpipe.events.ConnectionErased;
import io.authpipe.events.RefreshRequested;
import io.authpipe.events.ConnectionEstablished;
import io.authpipe.events.ConnectionEvent;
import io.authpipe.events.ConnectionRef;
import io.authpipe.events.CredentialResealed;
import io.authpipe.events.EncryptedSecret;
import io.authpipe.events.PendingAuthorization;
import io.authpipe.events.RevocationReason;
import io.authpipe.events.StoredCredential;
import io.authpipe.mastodon.MastodonAccount;
import io.authpipe.mastodon.TokenGrant;
import io.authpipe.records.AccountRecords;
import io.authpipe.records.SealedBytes;
import io.authpipe.topics.Topics;
import io.authpipe.vault.Purpose;
import io.authpipe.vault.SecretBinding;
import io.authpipe.vault.Vault;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Publishes connection events to {@code authpipe.connection-events}, the vault's input, with every secret sealed
 * by the tenant's data key. When this instance owns the connection it returns once the vault applied the event,
 * so the caller's next {@code getCredential} sees it.
 */
public final class ConnectionWriter {
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(10);

    private final Publisher publisher;
    private final Vault vault;
    private final ConnectionStore store;
    private final Clock clock;

    public ConnectionWriter(Publisher publisher, Vault vault, ConnectionStore store, Clock clock) {
        this.publisher = publisher;
        this.vault = vault;
        this.store = store;
        this.clock = clock;
    }

    public void established(Tenant tenant, ConnectionKey key, PendingAuthorization flow, TokenGrant grant,
                            MastodonAccount account) {
        ConnectionEstablished payload = ConnectionEstablished.newBuilder()
                .setInstance(flow.getInstance())
                .setAppRef(flow.getAppRef())
                .setAccessToken(seal(tenant, key, Purpose.ACCESS_TOKEN, grant.accessToken()))
                .setRefreshToken(grant.refreshToken().map(r -> seal(tenant, key, Purpose.REFRESH_TOKEN, r))
                        .orElse(null))
                .setTokenType(grant.tokenType())
                .setScopes(grant.scopes().isEmpty() ? flow.getScopes() : grant.scopes())
                .setExpiresAt(grant.expiresAt().orElse(null))
                .setTokenCreatedAt(grant.createdAt())
                .setAccount(AccountRecords.of(account))
                .build();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // Avro timestamp-millis precision
        publish(key, null, payload, now);
        awaitApplied(key, c -> !c.getConnectedAt().isBefore(now));
    }

    /**
     * Publishes the connection's secrets sealed again under the tenant's current key (key rotation), based on
     * {@code stored}'s version: if the connection changed meanwhile, the vault ignores it and a later pass retries.
     */
    public void resealed(Tenant tenant, ConnectionKey key, StoredCredential stored, Secret accessToken,
                         Optional<Secret> refreshToken) {
        publish(key, stored.getVersion(), CredentialResealed.newBuilder()
                .setAccessToken(seal(tenant, key, Purpose.ACCESS_TOKEN, accessToken))
                .setRefreshToken(refreshToken.map(r -> seal(tenant, key, Purpose.REFRESH_TOKEN, r)).orElse(null))
                .setKek(tenant.keys().current().value())
                .build(), clock.instant());
    }

    /** Asks for an urgent refresh of this version of the connection (a reader found its token expired). */
    public void refreshRequested(ConnectionKey key, long version) {
        publish(key, version, new RefreshRequested("expired"), clock.instant());
    }

    /** Waits (bounded) until this instance's store shows the connection at a version after {@code version}. */
    public Optional<StoredCredential> awaitNewerThan(ConnectionKey key, long version, Duration timeout) {
        if (!store.ownedHere(key)) {
            return Optional.empty();
        }
        return Awaiting.value(() -> store.localWhenQueryable(key).filter(c -> c.getVersion() > version), timeout);
    }

    /**
     * Publishes the connection's removal for good, whatever its status; when this instance owns the connection,
     * returns once the vault erased it (bounded), so the caller's next read finds nothing.
     */
    public void erased(ConnectionKey key, RevocationReason reason) {
        publish(key, null, new ConnectionErased(reason), clock.instant());
        if (store.ownedHere(key)) {
            Awaiting.value(() -> Optional.of(key).filter(this::goneHere), APPLY_TIMEOUT);
        }
    }

    private boolean goneHere(ConnectionKey key) {
        try {
            return store.local(key).isEmpty();
        } catch (InvalidStateStoreException notQueryableYet) {
            return false;
        }
    }

    private EncryptedSecret seal(Tenant tenant, ConnectionKey key, Purpose purpose, Secret secret) {
        return SealedBytes.wrap(vault.encrypt(tenant.keys(), SecretBinding.forConnection(key, purpose), secret));
    }

    private void publish(ConnectionKey key, Long baseVersion, Object payload, Instant now) {
        publisher.publish(Topics.CONNECTION_EVENTS, key.asKafkaKey(), ConnectionEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setConnection(ref(key))
                .setOccurredAt(now)
                .setBaseVersion(baseVersion)
                .setPayload(payload)
                .build());
    }

    private Optional<StoredCredential> awaitApplied(ConnectionKey key, Predicate<StoredCredential> applied) {
        if (!store.ownedHere(key)) {
            return Optional.empty();
        }
        return Awaiting.value(() -> store.localWhenQueryable(key).filter(applied), APPLY_TIMEOUT);
    }

    static ConnectionRef ref(ConnectionKey key) {
        return new ConnectionRef(key.tenant().value(), key.provider().value(), key.user().value());
    }
}
