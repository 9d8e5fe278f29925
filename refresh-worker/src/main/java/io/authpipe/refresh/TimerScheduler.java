package io.authpipe.refresh;

import io.authpipe.events.AppRegistration;
import io.authpipe.events.ExpiryTimer;
import io.authpipe.events.RefreshLease;
import io.authpipe.events.Tenant;
import io.authpipe.kafka.deadletter.RecordRejectedException;
import io.authpipe.kafka.schedule.DueSchedule;
import io.authpipe.records.ConnectionKeys;
import io.authpipe.records.TenantKeyRecords;
import io.authpipe.vault.TenantKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one timer per connection (the newest wins; a tombstone cancels) and, every scan interval of wall-clock time,
 * dispatches what is due, earliest first, at most {@code maxDuePerTick} and no more than the executor has room for.
 *
 * <p>A due timer is first <em>leased</em>: a {@link RefreshLease} is written and the timer moved to the lease's end,
 * and a commit is requested. The job is handed to the executor on the next scan, after that commit, so a refresh
 * token is never sent without a durable record that it may have been. A lease ends when the vault's next timer for a
 * newer version arrives (the result was applied, or something else changed the connection) or a tombstone cancels
 * it. If it runs out first, the outcome is unknown and the next job probes before refreshing
 * ({@link RefreshJob.Mode#PROBE_FIRST}); if the result is known to be on the topic, the lease is simply extended.
 *
 * <p>Tokens a refresh obtained are remembered (in memory, sealed) until the vault's next timer shows it applied them.
 * If a tombstone comes first, or came while the refresh was in flight, the connection was erased or revoked meanwhile
 * and the vault drops the result: nobody holds those tokens, so they are revoked at the provider
 * ({@link RefreshDispatch#revokeOrphan}). Otherwise they would stay alive, and Mastodon would hand them to the next
 * authorisation of the same app, account and scopes. Best effort: a worker that stops in between forgets them.
 */
final class TimerScheduler implements Processor<String, ExpiryTimer, Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(TimerScheduler.class);

    private final RefreshDispatch dispatch;
    private final ScheduleSettings settings;
    private final RefreshMetrics metrics;
    private final Queue<Completion> completions = new ConcurrentLinkedQueue<>();
    private final List<RefreshJob> awaitingCommit = new ArrayList<>();
    private final Map<String, Completion.Issued> unapplied = new HashMap<>();
    private ProcessorContext<Void, Void> context;
    private DueSchedule<ExpiryTimer> timers;
    private Leases leases;
    private KeyValueStore<String, Tenant> tenants;
    private KeyValueStore<String, AppRegistration> apps;

    TimerScheduler(RefreshDispatch dispatch, ScheduleSettings settings, RefreshMetrics metrics) {
        this.dispatch = dispatch;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        timers = new DueSchedule<>(context.getStateStore(RefreshTopology.TIMERS_STORE),
                context.getStateStore(RefreshTopology.DUE_INDEX_STORE), ExpiryTimer::getDueAt);
        leases = new Leases(context.getStateStore(RefreshTopology.LEASES_STORE));
        tenants = context.getStateStore(RefreshTopology.TENANTS_STORE);
        apps = context.getStateStore(RefreshTopology.APP_REGISTRATIONS_STORE);
        if (timers.rebuildIndexIfMissing()) {
            LOG.info("rebuilt {} from {} task={}", RefreshTopology.DUE_INDEX_STORE, RefreshTopology.TIMERS_STORE,
                    context.taskId());
        }
        context.schedule(settings.scanInterval(), PunctuationType.WALL_CLOCK_TIME,
                now -> tick(Instant.ofEpochMilli(now)));
    }

    @Override
    public void process(Record<String, ExpiryTimer> record) {
        String key = record.key();
        if (key == null) {
            throw new RecordRejectedException("no record key (the key must be the connection key)");
        }
        ExpiryTimer timer = record.value();
        if (timer == null) {
            timers.cancel(key);
            leases.drop(key);
            Completion.Issued orphaned = unapplied.remove(key);
            if (orphaned != null) {
                revokeOrphan(orphaned);
            }
            return;
        }
        ConnectionKeys.keyProblem(key, timer.getConnection()).ifPresent(problem -> {
            throw new RecordRejectedException(problem);
        });
        leases.dropOtherThan(key, timer.getVersion());
        unapplied.computeIfPresent(key, (k, issued) -> issued.job().version() == timer.getVersion() ? issued : null);
        Optional<RefreshLease> lease = leases.of(key, timer.getVersion());
        if (lease.isPresent()) {
            // the same version again (secrets resealed, or a reader asking for an urgent refresh): one is in flight
            timers.schedule(key, at(timer, later(timer.getDueAt(), lease.get().getLeaseUntil())));
        } else {
            timers.schedule(key, timer);
        }
    }

    private void tick(Instant now) {
        completions.removeIf(completion -> {
            settle(completion, now);
            return true;
        });
        awaitingCommit.forEach(dispatch::submit);
        awaitingCommit.clear();
        int room = Math.min(dispatch.freeSlots(), settings.maxDuePerTick());
        if (room > 0 && timers.takeDue(now, room, (key, timer) -> take(key, timer, now)) == room) {
            LOG.debug("due backlog: took {} timers, the rest wait for the next tick", room);
        }
        if (!awaitingCommit.isEmpty()) {
            context.commit();
        }
        metrics.pending(context.taskId().toString(), timers.approximateCount(), leases.approximateCount());
    }

    private void take(String key, ExpiryTimer timer, Instant now) {
        Optional<RefreshLease> lease = leases.of(key, timer.getVersion());
        if (lease.isPresent() && lease.get().getAnswered()) {
            LOG.warn("refresh result for connection={} version={} not yet applied by the vault; waiting", key,
                    timer.getVersion());
            leases.extend(key, timer.getVersion(), now.plus(settings.lease()));
            timers.schedule(key, at(timer, now.plus(settings.lease())));
            return;
        }
        if (!dispatch.reserve(key, timer, now)) {
            timers.schedule(key, at(timer, now.plus(settings.busyRetry())));
            return;
        }
        try {
            lease(key, timer, lease, now);
        } catch (StreamsException e) {
            dispatch.release(key, timer);
            throw e;
        } catch (RuntimeException e) {
            // one timer that cannot be leased (a broken tenant record, say) neither holds its slot nor stops the scan
            dispatch.release(key, timer);
            LOG.warn("refresh timer of connection={} version={} dropped: {}", key, timer.getVersion(), e.toString());
        }
    }

    /** Leases a reserved timer: the job waits in {@link #awaitingCommit} for the lease to be committed. */
    private void lease(String key, ExpiryTimer timer, Optional<RefreshLease> lease, Instant now) {
        Tenant tenant = tenants.get(timer.getConnection().getTenantId());
        if (tenant == null) {
            dispatch.release(key, timer);
            LOG.warn("dropping refresh timer of connection={}: its tenant is gone", key);
            return;
        }
        TenantKeys keys = TenantKeyRecords.keysOf(tenant);
        Optional<AppRegistration> app = Optional.ofNullable(timer.getAppRef()).map(apps::get);
        metrics.dispatched(Duration.between(timer.getDueAt(), now));
        RefreshJob.Mode mode = lease.isPresent() ? RefreshJob.Mode.PROBE_FIRST
                : timer.getRefreshToken() == null ? RefreshJob.Mode.REPORT_EXPIRED : RefreshJob.Mode.REFRESH;
        Instant until = now.plus(settings.lease());
        int attempt = leases.take(key, timer.getVersion(), now, until);
        timers.schedule(key, at(timer, until));
        awaitingCommit.add(new RefreshJob(key, timer, mode, attempt, keys, app, completions::add));
    }

    /** Applies a finished job to the stores (stream thread). */
    private void settle(Completion completion, Instant now) {
        String key = completion.connectionKey();
        long version = completion.version();
        if (completion instanceof Completion.Answered answered) {
            boolean leased = leases.of(key, version).isPresent();
            leases.markAnswered(key, version);
            answered.issued().ifPresent(issued -> {
                if (leased) {
                    unapplied.put(key, issued);
                } else if (timers.get(key).isEmpty()) {
                    revokeOrphan(issued); // the tombstone came while the refresh was in flight
                }
            });
        } else if (completion instanceof Completion.Inconclusive inconclusive) {
            leases.extend(key, version, inconclusive.retryAt());
            reschedule(key, version, inconclusive.retryAt());
        } else if (completion instanceof Completion.NotSent notSent) {
            if (leases.of(key, version).filter(lease -> !lease.getAnswered()).isPresent()) {
                leases.drop(key);
            }
            reschedule(key, version, notSent.retryAt());
        }
    }

    private void revokeOrphan(Completion.Issued issued) {
        LOG.info("refresh result of connection={} version={} arrived after the connection was erased or revoked; "
                + "revoking its tokens at the provider", issued.job().connectionKey(), issued.job().version());
        dispatch.revokeOrphan(issued);
    }

    /** Moves the connection's timer to {@code dueAt} if it is still the timer of {@code version}. */
    private void reschedule(String key, long version, Instant dueAt) {
        timers.get(key).filter(timer -> timer.getVersion() == version)
                .ifPresent(timer -> timers.schedule(key, at(timer, dueAt)));
    }

    @Override
    public void close() {
        awaitingCommit.forEach(job -> dispatch.release(job.connectionKey(), job.timer()));
        awaitingCommit.clear();
        unapplied.clear();
        if (context != null) {
            metrics.forget(context.taskId().toString());
        }
    }

    private static ExpiryTimer at(ExpiryTimer timer, Instant dueAt) {
        return ExpiryTimer.newBuilder(timer).setDueAt(dueAt).build();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
