package io.authpipe.refresh;

import io.authpipe.events.ExpiryTimer;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one timer per connection (the newest wins; a tombstone cancels) and, every scan interval of wall-clock
 * time, dispatches and removes up to {@code maxDuePerTick} of the timers that are due, earliest first. The work of a
 * tick grows with what is due, not with how many timers are waiting; a backlog drains over the following ticks.
 */
final class TimerScheduler implements Processor<String, ExpiryTimer, Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(TimerScheduler.class);

    private final DueRefresh dueRefresh;
    private final Duration scanInterval;
    private final int maxDuePerTick;
    private DueTimers timers;

    TimerScheduler(DueRefresh dueRefresh, Duration scanInterval, int maxDuePerTick) {
        this.dueRefresh = dueRefresh;
        this.scanInterval = scanInterval;
        this.maxDuePerTick = maxDuePerTick;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        timers = new DueTimers(context.getStateStore(RefreshTopology.TIMERS_STORE),
                context.getStateStore(RefreshTopology.DUE_INDEX_STORE));
        if (timers.rebuildIndexIfMissing()) {
            LOG.info("rebuilt {} from {} task={}", RefreshTopology.DUE_INDEX_STORE, RefreshTopology.TIMERS_STORE,
                    context.taskId());
        }
        context.schedule(scanInterval, PunctuationType.WALL_CLOCK_TIME, now -> dispatchDue(Instant.ofEpochMilli(now)));
    }

    @Override
    public void process(Record<String, ExpiryTimer> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            timers.cancel(record.key());
        } else {
            timers.schedule(record.key(), record.value());
        }
    }

    private void dispatchDue(Instant now) {
        if (timers.takeDue(now, maxDuePerTick, dueRefresh) == maxDuePerTick) {
            LOG.debug("due backlog: took {} timers, the rest wait for the next tick", maxDuePerTick);
        }
    }
}
