package io.authpipe.health;

import io.authpipe.events.CheckRequest;
import io.authpipe.events.CheckSubject;
import io.authpipe.events.ScheduledCheck;
import io.authpipe.events.Tenant;
import io.authpipe.health.check.CheckDispatch;
import io.authpipe.health.check.CheckDone;
import io.authpipe.health.check.CheckJob;
import io.authpipe.health.check.CheckResult;
import io.authpipe.health.check.SubjectWindow;
import io.authpipe.health.dispatch.DispatchSettings;
import io.authpipe.kafka.deadletter.RecordRejectedException;
import io.authpipe.kafka.schedule.DueSchedule;
import io.authpipe.mastodon.RateLimit;
import io.authpipe.records.ConnectionKeys;
import io.authpipe.records.TenantKeyRecords;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.DoubleSupplier;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one {@link ScheduledCheck} per connection the vault says holds a token ({@code authpipe.check-subjects}; a
 * tombstone removes it) and, every scan interval, hands the due ones to the {@link CheckDispatch}, earliest first.
 * A handed-over check is moved to the in-flight timeout, so a worker that stops mid-check checks again after it; its
 * {@link CheckDone} sets the next check ({@link CheckCadence}). A {@link CheckRequest} makes the connection due now,
 * ahead of any backlog of overdue checks, or as soon as its minimum gap allows; requests for a connection already
 * due or in flight collapse. A due check whose {@link SubjectWindow} is closed (the token's refresh is due, or it is
 * near or past its expiry) is not sent: the connection is the refresh-worker's, and the check is tried again later,
 * backing off like a check that said nothing, by when the vault has usually published the refreshed version; a
 * requested one is sent as soon as the refreshed version arrives. A request for a connection not known yet waits a
 * while for it ({@link EarlyRequests}).
 */
final class CheckScheduler implements Processor<String, Object, Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(CheckScheduler.class);
    private static final Duration BUSY_RETRY = Duration.ofSeconds(1);
    /** How long a request for a connection not yet known waits for it, and how many such requests wait. */
    private static final Duration EARLY_HOLD = Duration.ofSeconds(60);
    private static final int EARLY_CAPACITY = 10_000;
    /** The due time of a requested check that may run now: sorts before every overdue check in the due index. */
    static final Instant URGENT = Instant.EPOCH;

    private final CheckDispatch dispatch;
    private final CheckCadence cadence;
    private final Duration scanInterval;
    private final int maxDuePerScan;
    private final Duration expiryMargin;
    private final HealthMetrics metrics;
    private final Clock clock;
    private final DoubleSupplier random;
    private final Queue<CheckDone> done = new ConcurrentLinkedQueue<>();
    /** Connections handed over, and when; one still here after the in-flight timeout has lost its CheckDone. */
    private final Map<String, Instant> inFlight = new HashMap<>();
    private final EarlyRequests early = new EarlyRequests(EARLY_HOLD, EARLY_CAPACITY);
    private ProcessorContext<Void, Void> context;
    private DueSchedule<ScheduledCheck> schedule;
    private KeyValueStore<String, Tenant> tenants;

    CheckScheduler(CheckDispatch dispatch, CheckCadence cadence, Duration scanInterval, int maxDuePerScan,
                   Duration expiryMargin, HealthMetrics metrics, Clock clock, DoubleSupplier random) {
        this.dispatch = dispatch;
        this.cadence = cadence;
        this.scanInterval = scanInterval;
        this.maxDuePerScan = maxDuePerScan;
        this.expiryMargin = expiryMargin;
        this.metrics = metrics;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        schedule = new DueSchedule<>(context.getStateStore(HealthTopology.CHECKS_STORE),
                context.getStateStore(HealthTopology.DUE_INDEX_STORE), ScheduledCheck::getDueAt);
        tenants = context.getStateStore(HealthTopology.TENANTS_STORE);
        context.schedule(scanInterval, PunctuationType.WALL_CLOCK_TIME, ignored -> scan(clock.instant()));
    }

    @Override
    public void process(Record<String, Object> record) {
        String key = record.key();
        if (key == null) {
            throw new RecordRejectedException("no record key (the key must be the connection key)");
        }
        Instant now = clock.instant();
        if (record.value() instanceof CheckRequest request) {
            requested(key, request, now);
        } else if (record.value() instanceof CheckSubject subject) {
            ConnectionKeys.keyProblem(key, subject.getConnection()).ifPresent(problem -> {
                throw new RecordRejectedException(problem);
            });
            subject(key, subject, now);
        } else {
            schedule.cancel(key);
        }
    }

    /**
     * The vault's newest view of the connection: the schedule keeps its timing, or starts one. A newer version while a
     * request is open (one left to the refresh-worker waits for it) makes the connection due as a requested one.
     */
    private void subject(String key, CheckSubject subject, Instant now) {
        Optional<ScheduledCheck> known = schedule.get(key);
        if (known.isPresent()) {
            ScheduledCheck check = known.get();
            boolean newer = subject.getVersion() > check.getSubject().getVersion();
            check.setSubject(subject);
            if (newer && check.getRequestedAt() != null) {
                dueAsRequested(key, check, now);
            }
            schedule.schedule(key, check);
        } else {
            ScheduledCheck check = ScheduledCheck.newBuilder().setSubject(subject)
                    .setDueAt(cadence.first(now, random)).build();
            early.take(key, now).ifPresent(request -> {
                check.setRequestedAt(request.getRequestedAt());
                dueAsRequested(key, check, now);
                LOG.info("check requested before connection={} was known, now due={}", key, check.getDueAt());
            });
            schedule.schedule(key, check);
        }
    }

    private void requested(String key, CheckRequest request, Instant now) {
        Optional<ScheduledCheck> known = schedule.get(key);
        if (known.isEmpty()) {
            metrics.requestDropped();
            early.hold(key, request, now);
            LOG.info("check requested for connection={}, which is not checked (unknown or ended); held {} in case"
                    + " the connection is new", key, EARLY_HOLD);
            return;
        }
        ScheduledCheck check = known.get();
        if (check.getRequestedAt() == null || request.getRequestedAt().isAfter(check.getRequestedAt())) {
            check.setRequestedAt(request.getRequestedAt()); // the newest: one made after a check started stays open
        }
        dueAsRequested(key, check, now);
        schedule.schedule(key, check);
        LOG.info("check requested for connection={} reason={} due={}", key, request.getReason(), check.getDueAt());
    }

    /** Brings a requested check forward, unless one is in flight (its end opens the next). */
    private void dueAsRequested(String key, ScheduledCheck check, Instant now) {
        Instant due = urgentIfDue(cadence.requested(now, check.getLastCheckAt()), now);
        if (!inFlight.containsKey(key) && due.isBefore(check.getDueAt())) {
            check.setDueAt(due);
        }
    }

    private void scan(Instant now) {
        for (CheckDone finished = done.poll(); finished != null; finished = done.poll()) {
            settle(finished, now);
        }
        int room = Math.min(dispatch.room(), maxDuePerScan);
        if (room > 0) {
            schedule.takeDue(now, room, (key, check) -> handOver(key, check, now));
        }
        metrics.scheduled(context.taskId().toString(), schedule.approximateCount(),
                schedule.earliestDueAfter(URGENT).map(due -> Duration.between(due, now)).orElse(Duration.ZERO));
    }

    private void handOver(String key, ScheduledCheck check, Instant now) {
        Tenant tenant = tenants.get(check.getSubject().getConnection().getTenantId());
        if (tenant == null || stillInFlight(key, now)) {
            check.setDueAt(tenant == null ? cadence.afterAnswer(now, random) : now.plus(cadence.inFlightTimeout()));
            schedule.schedule(key, check);
            return;
        }
        if (!SubjectWindow.of(check.getSubject(), expiryMargin).isOpenAt(now)) {
            leaveToRefresh(key, check, now);
            return;
        }
        CheckJob job = new CheckJob(key, check.getSubject(), TenantKeyRecords.keysOf(tenant),
                check.getRequestedAt() != null, now, done::add);
        Instant dueAt = check.getDueAt();
        if (dispatch.offer(job)) {
            inFlight.put(key, now);
            if (!dueAt.equals(URGENT)) {
                metrics.dispatched(Duration.between(dueAt, now));
            }
            check.setDueAt(now.plus(cadence.inFlightTimeout()));
        } else {
            check.setDueAt(now.plus(BUSY_RETRY));
        }
        schedule.schedule(key, check);
    }

    /**
     * A check that could not judge the token: not sent, and due again like one that said nothing (an open request
     * stays open, for the refreshed version).
     */
    private void leaveToRefresh(String key, ScheduledCheck check, Instant now) {
        metrics.result(SubjectWindow.LEFT_TO_REFRESH);
        check.setAmbiguousInRow(check.getAmbiguousInRow() + 1);
        check.setDueAt(cadence.afterAmbiguous(now, check.getAmbiguousInRow(), now, random));
        schedule.schedule(key, check);
        LOG.debug("connection={} version={} is the refresh-worker's until its next version; check due={}", key,
                check.getSubject().getVersion(), check.getDueAt());
    }

    /** Handed over less than the in-flight timeout ago; after it, its {@link CheckDone} is taken as lost. */
    private boolean stillInFlight(String key, Instant now) {
        Instant handedOverAt = inFlight.get(key);
        return handedOverAt != null && now.isBefore(handedOverAt.plus(cadence.inFlightTimeout()));
    }

    /**
     * Sets the next check after one ended. The connection may have a newer version by now (often because of this
     * very check: a transition makes one); its timing still follows from this check.
     */
    private void settle(CheckDone finished, Instant now) {
        String key = finished.connectionKey();
        inFlight.remove(key);
        Optional<ScheduledCheck> known = schedule.get(key);
        if (known.isEmpty()) {
            return;
        }
        ScheduledCheck check = known.get();
        Optional<CheckResult> result = finished.result();
        if (result.isPresent()) {
            if (check.getLastCheckAt() != null) {
                metrics.checkedAfter(Duration.between(check.getLastCheckAt(), finished.endedAt()));
            }
            check.setLastCheckAt(finished.endedAt());
            check.setLastOutcome(result.get().outcome());
        }
        boolean ambiguous = result.map(CheckResult::ambiguous).orElse(true);
        check.setAmbiguousInRow(ambiguous ? check.getAmbiguousInRow() + 1 : 0);
        Instant next = ambiguous
                ? cadence.afterAmbiguous(now, check.getAmbiguousInRow(),
                        result.flatMap(CheckResult::retryAt).orElse(now), random)
                : cadence.afterAnswer(now, random);
        Optional<RateLimit> spent = finished.rateLimit()
                .filter(limit -> limit.nearlySpent(DispatchSettings.NEARLY_SPENT));
        if (spent.isPresent()) {
            next = later(spent.get().reset(), next); // the token's own limit: this connection waits for its reset
        }
        if (check.getRequestedAt() != null && check.getRequestedAt().isAfter(finished.startedAt())) {
            next = urgentIfDue(cadence.requested(now, check.getLastCheckAt()), now);
        } else {
            check.setRequestedAt(null);
        }
        check.setDueAt(next);
        schedule.schedule(key, check);
    }

    @Override
    public void close() {
        if (context != null) {
            metrics.forget(context.taskId().toString());
        }
    }

    /** A requested check that may run now jumps the backlog of overdue ones ({@link #URGENT}). */
    private static Instant urgentIfDue(Instant due, Instant now) {
        return due.isAfter(now) ? due : URGENT;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
