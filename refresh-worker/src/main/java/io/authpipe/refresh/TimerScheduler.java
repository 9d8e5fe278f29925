package io.authpipe.refresh;

import io.authpipe.events.ExpiryTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps one timer per connection (the newest wins; a tombstone cancels) and, every scan interval of wall-clock
 * time, dispatches and removes the timers that are due.
 */
final class TimerScheduler implements Processor<String, ExpiryTimer, Void, Void> {
    private final DueRefresh dueRefresh;
    private final Duration scanInterval;
    private KeyValueStore<String, ExpiryTimer> timers;

    TimerScheduler(DueRefresh dueRefresh, Duration scanInterval) {
        this.dueRefresh = dueRefresh;
        this.scanInterval = scanInterval;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        timers = context.getStateStore(RefreshTopology.TIMERS_STORE);
        context.schedule(scanInterval, PunctuationType.WALL_CLOCK_TIME, now -> dispatchDue(Instant.ofEpochMilli(now)));
    }

    @Override
    public void process(Record<String, ExpiryTimer> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            timers.delete(record.key());
        } else {
            timers.put(record.key(), record.value());
        }
    }

    private void dispatchDue(Instant now) {
        List<KeyValue<String, ExpiryTimer>> due = new ArrayList<>();
        try (KeyValueIterator<String, ExpiryTimer> all = timers.all()) {
            all.forEachRemaining(kv -> {
                if (!kv.value.getDueAt().isAfter(now)) {
                    due.add(kv);
                }
            });
        }
        due.forEach(kv -> {
            timers.delete(kv.key);
            dueRefresh.due(kv.key, kv.value);
        });
    }
}
