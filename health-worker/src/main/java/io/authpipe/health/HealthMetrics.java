package io.authpipe.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The health-worker's meters. Tags carry outcomes and instance hosts only: never a connection, user, tenant or token.
 * <ul>
 *   <li>{@code authpipe_health_checks_total{outcome}}: healthy, revoked, suspended, insufficient_scope,
 *       not_a_user_token, rate_limited, instance_unavailable, and not_sent / secrets_unreadable / unpublished when
 *       nothing was recorded, left_to_refresh when the token's refresh was due or it was near or past its expiry
 *       (no check sent, or a 401 not recorded);</li>
 *   <li>{@code authpipe_health_time_since_last_check_seconds}: at each check, how long since the connection's previous
 *       one (p50, p99, max): the interval actually achieved;</li>
 *   <li>{@code authpipe_health_dispatch_lag_seconds}: from a check's due time to the schedule handing it over;
 *       {@code authpipe_health_budget_wait_seconds}: from then to its start (waiting for the instance's budget);</li>
 *   <li>{@code authpipe_health_request_seconds}: the check itself;</li>
 *   <li>{@code authpipe_health_instance_budget_available{instance}}: checks the instance's budget allows now;</li>
 *   <li>{@code authpipe_health_overdue_seconds}: how long the most overdue check has waited past its due time (a
 *       worker that falls behind, or one that stopped checking, shows here before anywhere else);</li>
 *   <li>{@code authpipe_health_connections_scheduled}, {@code authpipe_health_in_flight},
 *       {@code authpipe_health_queued}; {@code authpipe_health_requests_dropped_total}: check requests for
 *       connections the worker does not check (unknown or ended).</li>
 * </ul>
 */
public final class HealthMetrics {
    private static final Duration LONGEST = Duration.ofDays(3650);

    private final MeterRegistry registry;
    private final Timer sinceLastCheck;
    private final Timer dispatchLag;
    private final Timer budgetWait;
    private final Timer request;
    private final Map<String, Long> scheduledByTask = new ConcurrentHashMap<>();
    private final Map<String, Duration> overdueByTask = new ConcurrentHashMap<>();

    public HealthMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.sinceLastCheck = Timer.builder("authpipe.health.time.since.last.check").publishPercentiles(0.5, 0.99)
                .description("Time between two checks of a connection").register(registry);
        this.dispatchLag = Timer.builder("authpipe.health.dispatch.lag").publishPercentiles(0.5, 0.99)
                .description("From a check's due time to its hand-over").register(registry);
        this.budgetWait = Timer.builder("authpipe.health.budget.wait").publishPercentiles(0.5, 0.99)
                .description("From a check's hand-over to its start").register(registry);
        this.request = Timer.builder("authpipe.health.request").publishPercentiles(0.5, 0.99)
                .description("verify_credentials requests").register(registry);
        Gauge.builder("authpipe.health.connections.scheduled", scheduledByTask,
                        byTask -> byTask.values().stream().mapToLong(Long::longValue).sum())
                .description("Connections in this worker's schedule (approximate)").register(registry);
        Gauge.builder("authpipe.health.overdue", overdueByTask, byTask -> byTask.values().stream()
                        .mapToDouble(d -> Math.max(0, d.toMillis() / 1000.0)).max().orElse(0))
                .baseUnit("seconds")
                .description("How long the most overdue scheduled check has been waiting").register(registry);
    }

    /** Registers the executor's gauges (held strongly: Micrometer keeps only weak references by default). */
    public void executor(IntSupplier inFlight, IntSupplier queued) {
        Gauge.builder("authpipe.health.in.flight", inFlight, IntSupplier::getAsInt).strongReference(true)
                .description("Checks running").register(registry);
        Gauge.builder("authpipe.health.queued", queued, IntSupplier::getAsInt).strongReference(true)
                .description("Checks waiting for their instance's budget").register(registry);
    }

    /** Registers the budget gauge of one instance. */
    public void lane(String host, IntSupplier available) {
        Gauge.builder("authpipe.health.instance.budget.available", available, IntSupplier::getAsInt)
                .strongReference(true).tag("instance", host).description("Checks the instance's budget allows now").register(registry);
    }

    public void result(String outcome) {
        registry.counter("authpipe.health.checks", "outcome", outcome).increment();
    }

    public void request(Duration took) {
        request.record(took);
    }

    public void started(Duration waited) {
        budgetWait.record(positive(waited));
    }

    void dispatched(Duration lag) {
        dispatchLag.record(positive(lag));
    }

    void checkedAfter(Duration sincePrevious) {
        sinceLastCheck.record(positive(sincePrevious));
    }

    void requestDropped() {
        registry.counter("authpipe.health.requests.dropped").increment();
    }

    void scheduled(String task, long connections, Duration mostOverdue) {
        scheduledByTask.put(task, connections);
        overdueByTask.put(task, mostOverdue);
    }

    void forget(String task) {
        scheduledByTask.remove(task);
        overdueByTask.remove(task);
    }

    /** Between zero and ten years: a longer one (a date from a broken clock) would overflow the timer's nanoseconds. */
    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d.compareTo(LONGEST) > 0 ? LONGEST : d;
    }
}
