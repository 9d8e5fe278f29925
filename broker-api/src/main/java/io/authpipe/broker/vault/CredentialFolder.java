package io.authpipe.broker.vault;

import io.authpipe.broker.vault.Decision.TimerChange;
import io.authpipe.events.ConnectionEvent;
import io.authpipe.events.StoredCredential;
import io.authpipe.kafka.deadletter.RecordRejectedException;
import io.authpipe.records.ConnectionKeys;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of the credential store: applies {@link CredentialLifecycle} to each connection event and
 * forwards what changed to the {@code credential-updated}, {@code revocations}, {@code expiry-timers} and
 * {@code check-subjects} sinks.
 *
 * <p>An event that is no event about its key's connection (no value, an invalid connection, another connection than
 * the key) is refused before the fold sees it: {@link RecordRejectedException}, so it goes to
 * {@code authpipe.dead-letters} with the reason and the next event is folded. An event the fold refuses (stale, a
 * duplicate, about a connection that does not exist) is a normal race and is only logged.
 */
final class CredentialFolder implements Processor<String, ConnectionEvent, String, SpecificRecord> {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialFolder.class);

    private final CredentialLifecycle lifecycle;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, StoredCredential> store;

    CredentialFolder(CredentialLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.store = context.getStateStore(VaultTopology.CREDENTIALS_STORE);
    }

    @Override
    public void process(Record<String, ConnectionEvent> record) {
        refuseUnless(record);
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Decision decision = lifecycle.apply(store.get(record.key()), record.value(), now);
        if (decision instanceof Decision.Accepted accepted) {
            apply(record, accepted);
        } else if (decision instanceof Decision.Resealed resealed) {
            store.put(record.key(), resealed.next());
            forwardTimer(record, resealed.timer());
            forwardCheckSubject(record, resealed.next());
            LOG.info("vault resealed connection={} event={}", record.key(), record.value().getEventId());
        } else if (decision instanceof Decision.Noted noted) {
            store.put(record.key(), noted.next());
            context.forward(record.withValue(CredentialViews.updated(noted.next())),
                    VaultTopology.CREDENTIAL_UPDATED_SINK);
        } else if (decision instanceof Decision.RefreshNow refreshNow) {
            forwardTimer(record, new TimerChange.Schedule(refreshNow.timer()));
            LOG.info("vault asked for an urgent refresh connection={} event={}", record.key(),
                    record.value().getEventId());
        } else if (decision instanceof Decision.Erased erased) {
            erase(record, erased);
        } else if (decision instanceof Decision.Rejected rejected) {
            LOG.info("vault rejected event connection={} event={} reason={}", record.key(),
                    record.value().getEventId(), rejected.reason());
        }
    }

    private static void refuseUnless(Record<String, ConnectionEvent> record) {
        if (record.value() == null) {
            throw new RecordRejectedException(
                    "a connection event without a value (connection-events has no tombstones)");
        }
        ConnectionKeys.keyProblem(record.key(), record.value().getConnection()).ifPresent(problem -> {
            throw new RecordRejectedException(problem);
        });
    }

    private void apply(Record<String, ConnectionEvent> record, Decision.Accepted accepted) {
        StoredCredential next = accepted.next();
        store.put(record.key(), next);
        context.forward(record.withValue(CredentialViews.updated(next)), VaultTopology.CREDENTIAL_UPDATED_SINK);
        accepted.revocation().ifPresent(r -> context.forward(record.withValue(r), VaultTopology.REVOCATIONS_SINK));
        forwardTimer(record, accepted.timer());
        forwardCheckSubject(record, next);
        LOG.info("vault applied event connection={} event={} version={} status={}", record.key(),
                record.value().getEventId(), next.getVersion(), next.getStatus());
    }

    /**
     * The last record and the revocation first, so consumers learn why; then the store delete (a changelog
     * tombstone) and a tombstone on every topic that carries the connection. A tombstone for a key a topic never
     * held (a timer that was never set) costs a few bytes and keeps the rule simple.
     */
    private void erase(Record<String, ConnectionEvent> record, Decision.Erased erased) {
        context.forward(record.withValue(erased.lastUpdate()), VaultTopology.CREDENTIAL_UPDATED_SINK);
        context.forward(record.withValue(erased.revocation()), VaultTopology.REVOCATIONS_SINK);
        store.delete(record.key());
        for (String sink : List.of(VaultTopology.CREDENTIAL_UPDATED_SINK, VaultTopology.EXPIRY_TIMERS_SINK,
                VaultTopology.CHECK_SUBJECTS_SINK)) {
            context.forward(record.<SpecificRecord>withValue(null), sink);
        }
        LOG.info("vault erased connection={} event={} reason={}", record.key(), record.value().getEventId(),
                erased.revocation().getReason());
    }

    /** The health-worker's copy of the connection: sent again on every change, a tombstone once it holds no token. */
    private void forwardCheckSubject(Record<String, ConnectionEvent> record, StoredCredential stored) {
        context.forward(record.<SpecificRecord>withValue(CheckSubjects.of(stored).orElse(null)),
                VaultTopology.CHECK_SUBJECTS_SINK);
    }

    private void forwardTimer(Record<String, ConnectionEvent> record, TimerChange timer) {
        if (timer instanceof TimerChange.Schedule schedule) {
            context.forward(record.withValue(schedule.timer()), VaultTopology.EXPIRY_TIMERS_SINK);
        } else if (timer instanceof TimerChange.Cancel) {
            context.forward(record.<SpecificRecord>withValue(null), VaultTopology.EXPIRY_TIMERS_SINK);
        }
    }
}
