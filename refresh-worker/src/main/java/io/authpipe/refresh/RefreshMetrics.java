package io.authpipe.refresh;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The refresh-worker's meters. Tags carry outcomes only: never a connection, user, tenant or token.
 * <ul>
 *   <li>{@code authpipe_refresh_results_total{outcome}}: refreshed, rejected (permanent), transient, throttled,
 *       answer_lost, expired_without_refresh_token, probe_inconclusive, not_sent, gave_up, unpublished;</li>
 *   <li>{@code authpipe_refresh_dispatch_lag_seconds}: from a timer's due time to its dispatch;</li>
 *   <li>{@code authpipe_refresh_lead_seconds}: how long before expiry a refresh succeeded
 *       ({@code authpipe_refresh_after_expiry_total} counts those that succeeded only after it);</li>
 *   <li>{@code authpipe_refresh_request_seconds}: the token request itself;</li>
 *   <li>{@code authpipe_refresh_timers_pending}, {@code authpipe_refresh_leases_pending} (approximate, from the
 *       stores) and {@code authpipe_refresh_in_flight}.</li>
 * </ul>
 */
public final class RefreshMetrics {
    /** The longest lag recorded: longer ones (a timer due decades ago) would overflow the timer's nanoseconds. */
    static final Duration LONGEST_LAG = Duration.ofDays(3650);

    private final MeterRegistry registry;
    private final Timer dispatchLag;
    private final DistributionSummary lead;
    private final Counter afterExpiry;
    private final Timer request;
    private final Map<String, Long> timersByTask = new ConcurrentHashMap<>();
    private final Map<String, Long> leasesByTask = new ConcurrentHashMap<>();

    public RefreshMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.dispatchLag = Timer.builder("authpipe.refresh.dispatch.lag").publishPercentiles(0.5, 0.99)
                .description("Time from a timer's due time to its dispatch").register(registry);
        this.lead = DistributionSummary.builder("authpipe.refresh.lead").baseUnit("seconds")
                .description("How long before expiry a refresh succeeded").register(registry);
        this.afterExpiry = Counter.builder("authpipe.refresh.after.expiry")
                .description("Refreshes that succeeded only after the token had expired").register(registry);
        this.request = Timer.builder("authpipe.refresh.request").publishPercentiles(0.5, 0.99)
                .description("Token endpoint requests").register(registry);
        Gauge.builder("authpipe.refresh.timers.pending", timersByTask, RefreshMetrics::sum)
                .description("Timers waiting in this worker's stores (approximate)").register(registry);
        Gauge.builder("authpipe.refresh.leases.pending", leasesByTask, RefreshMetrics::sum)
                .description("Refreshes leased and not yet superseded by the vault's next timer").register(registry);
    }

    /** Registers the in-flight gauge of an executor (held strongly: Micrometer keeps weak references by default). */
    public void inFlight(IntSupplier inFlight) {
        Gauge.builder("authpipe.refresh.in.flight", inFlight, s -> s.getAsInt()).strongReference(true)
                .description("Refreshes reserved or running").register(registry);
    }

    /** How late a due refresh was dispatched, between zero and {@link #LONGEST_LAG}. */
    public void dispatched(Duration lag) {
        dispatchLag.record(lag.isNegative() ? Duration.ZERO : lag.compareTo(LONGEST_LAG) > 0 ? LONGEST_LAG : lag);
    }

    public void result(String outcome) {
        registry.counter("authpipe.refresh.results", "outcome", outcome).increment();
    }

    public void refreshedAhead(Duration beforeExpiry) {
        if (beforeExpiry.isNegative()) {
            afterExpiry.increment();
        } else {
            lead.record(beforeExpiry.toMillis() / 1000.0);
        }
    }

    public void request(Duration took) {
        request.record(took);
    }

    void pending(String task, long timers, long leases) {
        timersByTask.put(task, timers);
        leasesByTask.put(task, leases);
    }

    void forget(String task) {
        timersByTask.remove(task);
        leasesByTask.remove(task);
    }

    private static double sum(Map<String, Long> byTask) {
        return byTask.values().stream().mapToLong(Long::longValue).sum();
    }
}
