package io.authpipe.broker.events;

import io.authpipe.api.model.ConnectionChange;
import io.authpipe.broker.vault.ConnectionStates;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.events.ConnectionStatus;
import io.authpipe.events.CredentialUpdated;
import io.authpipe.events.RevocationReason;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.topics.Topics;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code authpipe.credential-updated} records as the events of {@code GET /v1/events}. The topic never carries a
 * secret, and the event keeps only what a cache needs to act: the connection, its version, status and expiry. An
 * erased connection's last record (status DELETED, with the reason) and its tombstone are both
 * {@code connection.deleted}: a consumer that comes after compaction removed the first still learns from the second. A
 * record that cannot be read (the vault dead-letters what it cannot write, so this is unexpected) is skipped.
 */
final class ChangeRecords {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeRecords.class);

    private final AvroSerde<CredentialUpdated> serde;

    ChangeRecords(AvroSerde<CredentialUpdated> serde) {
        this.serde = serde;
    }

    Optional<TenantChange> read(ConsumerRecord<String, byte[]> record) {
        try {
            ConnectionKey key = ConnectionKey.parse(record.key());
            ConnectionChange change = record.value() == null ? deleted(key)
                    : changed(serde.deserialize(Topics.CREDENTIAL_UPDATED, record.value()));
            return Optional.of(new TenantChange(key.tenant().value(), record.partition(), record.offset(), change));
        } catch (RuntimeException e) {
            LOG.warn("skipped an unreadable credential-updated record partition={} offset={} error={}",
                    record.partition(), record.offset(), e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private static ConnectionChange changed(CredentialUpdated updated) {
        RevocationReason reason = updated.getReason() != null ? updated.getReason() : updated.getStatusReason();
        return new ConnectionChange(type(updated.getStatus()),
                updated.getConnection().getProvider(), updated.getConnection().getUserId(), updated.getVersion(),
                lower(updated.getStatus().name()), reason == null ? null : lower(reason.name()),
                updated.getExpiresAt(), updated.getUpdatedAt(), updated.getScopes());
    }

    private static String type(ConnectionStatus status) {
        if (status == ConnectionStatus.DELETED) {
            return ConnectionChange.DELETED;
        }
        return ConnectionStates.serves(status) ? ConnectionChange.UPDATED : ConnectionChange.REVOKED;
    }

    private static ConnectionChange deleted(ConnectionKey key) {
        return new ConnectionChange(ConnectionChange.DELETED, key.provider().value(), key.user().value(), 0,
                "deleted", null, null, null, List.of());
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
