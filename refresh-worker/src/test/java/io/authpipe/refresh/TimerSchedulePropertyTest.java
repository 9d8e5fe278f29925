package io.authpipe.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.events.ExpiryTimer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Against a model: for any sequence of timer upserts, tombstones and wall-clock advances, each scan dispatches
 * exactly the connections' current timers that are due, earliest first and at most the per-tick limit; so every
 * latest non-cancelled timer is dispatched once, never before its due time, and nothing else is.
 */
class TimerSchedulePropertyTest {
    private static final List<String> USERS = List.of("u1", "u10", "é", "ü2");

    sealed interface Step {
        void applyTo(Run run, long version);
    }

    /** A timer for the user, due {@code dueInMillis} after the current wall-clock time (negative: overdue). */
    record Upsert(String user, long dueInMillis) implements Step {
        @Override
        public void applyTo(Run run, long version) {
            run.put(TimerDriver.timer(user, version, run.driver.now().plusMillis(dueInMillis)));
        }
    }

    record Cancel(String user) implements Step {
        @Override
        public void applyTo(Run run, long version) {
            run.cancel(io.authpipe.core.identity.ConnectionKey.of("acme", "mastodon", user).asKafkaKey());
        }
    }

    /** At least one tick, so each advance fires exactly one scan. */
    record Advance(Duration by) implements Step {
        @Override
        public void applyTo(Run run, long version) {
            run.advanceAndCompare(by);
        }
    }

    @Property(tries = 40)
    void eachScanDispatchesExactlyTheDueCurrentTimersEarliestFirst(@ForAll("steps") List<Step> steps,
            @ForAll @IntRange(min = 1, max = 3) int maxDuePerTick) {
        try (Run run = new Run(maxDuePerTick)) {
            for (int i = 0; i < steps.size(); i++) {
                steps.get(i).applyTo(run, i + 1);
            }
            while (!run.pending.isEmpty()) {
                run.advanceAndCompare(Duration.ofMinutes(10));
            }
            run.advanceAndCompare(Duration.ofMinutes(10));

            assertThat(run.driver.dispatched())
                    .allSatisfy(d -> assertThat(d.at()).isAfterOrEqualTo(d.timer().getDueAt()));
        }
    }

    /** The topology under test next to its model: the current timer of each connection not yet dispatched. */
    static final class Run implements AutoCloseable {
        private static final Comparator<Map.Entry<String, ExpiryTimer>> DUE_ORDER = Comparator
                .<Map.Entry<String, ExpiryTimer>, Instant>comparing(e -> e.getValue().getDueAt())
                .thenComparing((a, b) -> Arrays.compareUnsigned(utf8(a.getKey()), utf8(b.getKey())));

        final TimerDriver driver;
        final Map<String, ExpiryTimer> pending = new HashMap<>();
        private final int maxDuePerTick;

        Run(int maxDuePerTick) {
            this.driver = TimerDriver.start(maxDuePerTick);
            this.maxDuePerTick = maxDuePerTick;
        }

        void put(ExpiryTimer timer) {
            driver.put(timer);
            pending.put(TimerDriver.keyOf(timer), timer);
        }

        void cancel(String key) {
            driver.cancel(key);
            pending.remove(key);
        }

        void advanceAndCompare(Duration by) {
            int before = driver.dispatched().size();
            driver.advance(by);
            List<Map.Entry<String, ExpiryTimer>> actual = driver.dispatched().stream().skip(before)
                    .map(d -> Map.entry(d.key(), d.timer())).toList();
            assertThat(actual).containsExactlyElementsOf(takeDue(driver.now()));
        }

        /** The model's scan. */
        private List<Map.Entry<String, ExpiryTimer>> takeDue(Instant now) {
            List<Map.Entry<String, ExpiryTimer>> due = pending.entrySet().stream()
                    .filter(e -> !e.getValue().getDueAt().isAfter(now)).sorted(DUE_ORDER).limit(maxDuePerTick)
                    .map(e -> Map.entry(e.getKey(), e.getValue())).toList();
            due.forEach(e -> pending.remove(e.getKey()));
            return due;
        }

        @Override
        public void close() {
            driver.close();
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<String> users = Arbitraries.of(USERS);
        Arbitrary<Long> dueIn = Arbitraries.oneOf(Arbitraries.longs().between(-3, 30).map(s -> s * 1000),
                Arbitraries.longs().between(-3_000, 30_000));
        Arbitrary<Step> upsert = Combinators.combine(users, dueIn).as(Upsert::new);
        Arbitrary<Step> cancel = users.map(Cancel::new);
        Arbitrary<Step> advance = Arbitraries.longs().between(1, 20).map(s -> new Advance(Duration.ofSeconds(s)));
        return Arbitraries.frequencyOf(Tuple.of(5, upsert), Tuple.of(1, cancel), Tuple.of(3, advance))
                .list().ofMinSize(1).ofMaxSize(40);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
