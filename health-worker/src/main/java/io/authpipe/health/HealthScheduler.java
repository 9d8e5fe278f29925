package io.authpipe.health;

import io.authpipe.events.ConnectionStatus;
import io.authpipe.events.CredentialUpdated;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** Schedules ACTIVE connections for checks and dispatches the due ones. */
final class HealthScheduler implements Processor<String, CredentialUpdated, Void, Void> {
    static final Duration SCAN_EVERY = Duration.ofSeconds(1);

    private final DueCheck dueCheck;
    private final CheckInterval interval;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, CredentialUpdated> subjects;
    private KeyValueStore<String, Long> due;

    HealthScheduler(DueCheck dueCheck, CheckInterval interval) {
        this.dueCheck = dueCheck;
        this.interval = interval;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        subjects = context.getStateStore(HealthTopology.SUBJECTS_STORE);
        due = context.getStateStore(HealthTopology.DUE_STORE);
        context.schedule(SCAN_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> dispatchDue(Instant.ofEpochMilli(now)));
    }

    @Override
    public void process(Record<String, CredentialUpdated> record) {
        String key = record.key();
        if (key == null) {
            return;
        }
        if (record.value() == null || record.value().getStatus() != ConnectionStatus.ACTIVE) {
            subjects.delete(key);
            due.delete(key);
            return;
        }
        boolean known = subjects.get(key) != null;
        subjects.put(key, record.value());
        if (!known) {
            due.put(key, interval.next(Instant.ofEpochMilli(context.currentSystemTimeMs())).toEpochMilli());
        }
    }

    private void dispatchDue(Instant now) {
        List<String> ready = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = due.all()) {
            all.forEachRemaining(kv -> {
                if (kv.value <= now.toEpochMilli()) {
                    ready.add(kv.key);
                }
            });
        }
        for (String key : ready) {
            due.put(key, interval.next(now).toEpochMilli());
            dueCheck.due(key, subjects.get(key));
        }
    }
}
