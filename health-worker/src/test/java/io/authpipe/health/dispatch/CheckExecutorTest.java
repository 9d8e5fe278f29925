package io.authpipe.health.dispatch;

import static io.authpipe.health.dispatch.Jobs.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authpipe.broker.testing.MutableClock;
import io.authpipe.events.CheckEvidence;
import io.authpipe.events.CheckOutcome;
import io.authpipe.health.HealthMetrics;
import io.authpipe.health.check.CheckDone;
import io.authpipe.health.check.CheckJob;
import io.authpipe.health.check.CheckResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The executor with a fake attempt that holds every check until the test opens its gate, on a frozen clock and budgets
 * too large to matter (unless a test says otherwise). Threads are waited for with Awaitility, never slept on.
 */
class CheckExecutorTest {
    static final String A = "a.example";
    static final String B = "b.example";

    MutableClock clock = MutableClock.frozenAt(T0);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    GatedAttempt attempt = new GatedAttempt();
    Queue<CheckDone> done = new ConcurrentLinkedQueue<>();
    CheckExecutor executor;

    @AfterEach
    void stop() {
        attempt.open();
        if (executor != null) {
            executor.close();
        }
    }

    @Test
    void noMoreThanMaxInFlightRunAtOnce() {
        start(settings(3, 2, 100), attempt);

        for (int i = 0; i < 4; i++) {
            offer(A, "a" + i);
            offer(B, "b" + i);
        }
        eventually().until(() -> attempt.running() == 3);
        assertThat(executor.inFlight()).isEqualTo(3);
        assertThat(executor.queued()).isEqualTo(5);
        attempt.open();

        eventually().until(() -> done.size() == 8);
        assertThat(attempt.mostAtOnce()).isEqualTo(3);
        assertThat(attempt.mostAtOnceOn(A)).isLessThanOrEqualTo(2);
        assertThat(attempt.mostAtOnceOn(B)).isLessThanOrEqualTo(2);
    }

    @Test
    void noMoreThanMaxPerInstanceRunAgainstOneHost() {
        start(settings(8, 2, 100), attempt);

        for (int i = 0; i < 5; i++) {
            offer(A, "a" + i);
        }
        eventually().until(() -> attempt.running() == 2);
        offer(B, "b1");
        eventually().until(() -> attempt.running() == 3);
        assertThat(attempt.runningOn(A)).isEqualTo(2);
        attempt.open();

        eventually().until(() -> done.size() == 6);
        assertThat(attempt.mostAtOnceOn(A)).isEqualTo(2);
    }

    @Test
    void aConnectionIsOfferedOnceWhileItsCheckWaitsOrRuns() {
        start(settings(4, 1, 100), attempt);
        assertThat(offer(A, "running")).isTrue();
        eventually().until(() -> attempt.running() == 1);
        assertThat(offer(A, "waiting")).isTrue();

        assertThat(offer(A, "running")).isFalse();
        assertThat(offer(A, "waiting")).isFalse();
        assertThat(executor.queued()).isEqualTo(1);
        attempt.open();
        eventually().until(() -> done.size() == 2);

        assertThat(offer(A, "running")).isTrue();
    }

    @Test
    void roomIsWhatMaxQueuedAndMaxInFlightLeave() {
        start(settings(2, 2, 3), attempt);
        assertThat(executor.room()).isEqualTo(5);

        for (int i = 0; i < 5; i++) {
            assertThat(offer(A, "u" + i)).isTrue();
        }
        eventually().until(() -> attempt.running() == 2);
        assertThat(executor.room()).isZero();
        assertThat(offer(A, "one-too-many")).isFalse();
        attempt.open();

        eventually().until(() -> done.size() == 5);
        assertThat(executor.room()).isEqualTo(5);
    }

    @Test
    void aRefusedOfferTakesNoRoom() {
        start(settings(2, 2, 3), attempt);
        offer(A, "u1");

        offer(A, "u1");

        assertThat(executor.room()).isEqualTo(4);
    }

    @Test
    void anAttemptThatThrowsStillEndsWithNothingLearntAndFreesItsSlot() {
        start(settings(1, 1, 1), job -> {
            throw new IllegalStateException("bug in the attempt");
        });

        offer(A, "u1");

        eventually().until(() -> done.size() == 1);
        assertThat(done.peek()).satisfies(ended -> {
            assertThat(ended.connectionKey()).isEqualTo(Jobs.key("acme", "u1"));
            assertThat(ended.result()).isEmpty();
            assertThat(ended.rateLimit()).isEmpty();
        });
        assertThat(executor.inFlight()).isZero();
        assertThat(executor.room()).isEqualTo(2);
        assertThat(offer(A, "u1")).isTrue();
    }

    @Test
    void closeLetsARunningCheckFinishAndReport() {
        start(settings(2, 2, 10), attempt);
        offer(A, "u1");
        eventually().until(() -> attempt.running() == 1);
        AtomicInteger doneWhenClosed = new AtomicInteger(-1);
        Thread closer = new Thread(() -> {
            executor.close();
            doneWhenClosed.set(done.size());
        }, "test-closer");

        closer.start();
        eventually().until(() -> closer.getState() == Thread.State.TIMED_WAITING);
        assertThat(offer(A, "u2")).isFalse();
        attempt.open();
        eventually().until(() -> !closer.isAlive());

        assertThat(doneWhenClosed).hasValue(1);
        assertThat(done.peek().result()).hasValueSatisfying(
                result -> assertThat(result.outcome()).isEqualTo(CheckOutcome.HEALTHY));
        assertThat(attempt.interrupted()).isFalse();
    }

    /*
     * Only the gauges refer to these suppliers, and Micrometer holds a gauge's object weakly unless told otherwise:
     * without strongReference(true) in HealthMetrics they read NaN after a collection.
     */
    @Test
    void theExecutorsGaugesStillReportAfterAGarbageCollection() {
        start(settings(2, 2, 10), attempt);
        offer(A, "u1");
        eventually().until(() -> attempt.running() == 1);

        System.gc();

        assertThat(meters.get("authpipe.health.in.flight").gauge().value()).isEqualTo(1);
        assertThat(meters.get("authpipe.health.queued").gauge().value()).isZero();
        assertThat(meters.get("authpipe.health.instance.budget.available").tag("instance", A).gauge().value())
                .isEqualTo(99);
    }

    private void start(DispatchSettings settings, Function<CheckJob, CheckDone> attempt) {
        executor = new CheckExecutor(settings, attempt, new HealthMetrics(meters), clock);
    }

    /** Budgets of 3,000 per five minutes: a burst of 100, more than any test takes on the frozen clock. */
    private static DispatchSettings settings(int maxInFlight, int maxPerInstance, int maxQueued) {
        return new DispatchSettings(maxInFlight, maxPerInstance, maxQueued, 3_000, Duration.ofMinutes(5), Map.of());
    }

    private boolean offer(String host, String user) {
        return executor.offer(Jobs.job("acme", user, host, false, done::add));
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5));
    }

    /** Holds every check until {@link #open}, counting how many run at once, in all and per host. */
    static final class GatedAttempt implements Function<CheckJob, CheckDone> {
        private final CountDownLatch gate = new CountDownLatch(1);
        private final AtomicInteger running = new AtomicInteger();
        private final AtomicInteger mostAtOnce = new AtomicInteger();
        private final Map<String, AtomicInteger> runningOn = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> mostAtOnceOn = new ConcurrentHashMap<>();
        private final AtomicBoolean interrupted = new AtomicBoolean();

        @Override
        public CheckDone apply(CheckJob job) {
            AtomicInteger onHost = runningOn.computeIfAbsent(job.host(), host -> new AtomicInteger());
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            mostAtOnceOn.computeIfAbsent(job.host(), host -> new AtomicInteger())
                    .accumulateAndGet(onHost.incrementAndGet(), Math::max);
            try {
                if (!gate.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never opened the gate");
                }
            } catch (InterruptedException e) {
                interrupted.set(true);
                Thread.currentThread().interrupt();
            } finally {
                onHost.decrementAndGet();
                running.decrementAndGet();
            }
            CheckResult healthy = new CheckResult(CheckOutcome.HEALTHY, new CheckEvidence(200, null),
                    Optional.empty(), Optional.empty());
            return new CheckDone(job.connectionKey(), job.version(), Optional.of(healthy), Optional.empty(),
                    job.takenAt(), job.takenAt());
        }

        void open() {
            gate.countDown();
        }

        int running() {
            return running.get();
        }

        int runningOn(String host) {
            AtomicInteger count = runningOn.get(host);
            return count == null ? 0 : count.get();
        }

        int mostAtOnce() {
            return mostAtOnce.get();
        }

        int mostAtOnceOn(String host) {
            return mostAtOnceOn.get(host).get();
        }

        boolean interrupted() {
            return interrupted.get();
        }
    }
}
