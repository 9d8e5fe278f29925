package io.authpipe.health.dispatch;

import static io.authpipe.health.dispatch.Jobs.T0;
import static io.authpipe.health.dispatch.Jobs.job;
import static io.authpipe.health.dispatch.Jobs.key;
import static io.authpipe.health.dispatch.Jobs.urgent;
import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.health.check.CheckJob;
import io.authpipe.mastodon.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One instance's queue: who goes next, and when its reports of rate limits slow it down. */
class InstanceLaneTest {
    static final String HOST = "social.example";
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final int NO_LIMIT = Integer.MAX_VALUE;
    static final String C1 = key("acme", "u1");
    static final String C2 = key("acme", "u2");
    static final Instant RESET = T0.plusSeconds(100);

    /** A budget large enough not to matter: a burst of 100. */
    InstanceLane roomy = new InstanceLane(new InstanceBudget(3_000, WINDOW, T0));
    /** 300 per 5 minutes: one a second, a burst of 10. */
    InstanceLane lane = new InstanceLane(new InstanceBudget(300, WINDOW, T0));

    @Test
    void requestedChecksGoFirst() {
        CheckJob a1 = job("a", "1", HOST);
        CheckJob a2 = job("a", "2", HOST);
        CheckJob requested = urgent("b", "1", HOST);
        roomy.add(a1);
        roomy.add(a2);
        roomy.add(requested);

        assertThat(takeAll(roomy)).containsExactly(requested, a1, a2);
    }

    @Test
    void tenantsTakeTurnsSoABigOneCannotStarveASmallOne() {
        List<CheckJob> big = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            big.add(job("big", "u" + i, HOST));
            roomy.add(big.get(i));
        }
        CheckJob small1 = job("small", "u1", HOST);
        CheckJob small2 = job("small", "u2", HOST);
        roomy.add(small1);
        roomy.add(small2);

        List<CheckJob> firstFour = List.of(next(roomy), next(roomy), next(roomy), next(roomy));

        assertThat(firstFour).containsExactly(big.get(0), small1, big.get(1), small2);
    }

    @Test
    void noMoreThanMaxRunningAreTakenUntilOneFinishes() {
        roomy.add(job("a", "1", HOST));
        roomy.add(job("a", "2", HOST));
        roomy.add(job("a", "3", HOST));

        assertThat(roomy.next(2, T0)).isNotNull();
        assertThat(roomy.next(2, T0)).isNotNull();
        assertThat(roomy.next(2, T0)).isNull();
        assertThat(roomy.running()).isEqualTo(2);
        assertThat(roomy.waiting()).isEqualTo(1);
        roomy.finished();

        assertThat(roomy.next(2, T0)).isNotNull();
    }

    @Test
    void aLaneWithNothingToTakeSpendsNoBudget() {
        assertThat(lane.next(NO_LIMIT, T0)).isNull();
        lane.add(job("a", "1", HOST));
        lane.next(NO_LIMIT, T0);
        lane.add(job("a", "2", HOST));
        assertThat(lane.next(1, T0)).isNull();

        assertThat(lane.budgetAvailable(T0)).isEqualTo(9);
    }

    @Test
    void checksWaitForTheInstancesBudget() {
        for (int i = 0; i < 11; i++) {
            lane.add(job("a", "u" + i, HOST));
        }

        assertThat(takeAll(lane)).hasSize(10);
        assertThat(lane.untilBudget(T0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(lane.next(NO_LIMIT, T0.plusSeconds(1))).isNotNull();
    }

    @Test
    void aNearlySpentLimitReportedByOneConnectionDoesNotSlowTheLane() {
        lane.observe(C1, new RateLimit(300, 10, RESET), T0);
        lane.observe(C1, new RateLimit(300, 9, RESET), T0);

        assertThat(lane.budgetAvailable(T0)).isEqualTo(10);
    }

    @Test
    void theSameNearlySpentWindowReportedByASecondConnectionPacesTheLane() {
        lane.observe(C1, new RateLimit(300, 11, RESET.plusSeconds(1)), T0);
        lane.observe(C2, new RateLimit(300, 10, RESET), T0);
        lane.add(job("a", "1", HOST));
        lane.add(job("a", "2", HOST));

        assertThat(lane.next(NO_LIMIT, T0)).isNotNull();
        assertThat(lane.next(NO_LIMIT, T0)).isNull();
        assertThat(lane.untilBudget(T0)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void nearlySpentReportsOfDifferentWindowsDoNotPaceTheLane() {
        lane.observe(C1, new RateLimit(300, 10, RESET), T0);
        lane.observe(C2, new RateLimit(300, 10, RESET.plusSeconds(3)), T0);

        assertThat(lane.budgetAvailable(T0)).isEqualTo(10);
    }

    @Test
    void aRateLimitWithPlentyLeftIsNotASharedLimit() {
        lane.observe(C1, new RateLimit(300, 10, RESET), T0);
        lane.observe(C2, new RateLimit(300, 200, RESET), T0);

        assertThat(lane.budgetAvailable(T0)).isEqualTo(10);
    }

    @Test
    void aThrottleOfTwoConnectionsForTheSameWindowPausesTheLaneUntilItEnds() {
        lane.add(job("a", "1", HOST));

        lane.throttled(C1, RESET);
        lane.throttled(C2, RESET.plusSeconds(1));

        assertThat(lane.budgetAvailable(T0)).isZero();
        assertThat(lane.next(NO_LIMIT, T0)).isNull();
        assertThat(lane.untilBudget(T0)).isEqualTo(Duration.between(T0, RESET.plusSeconds(1)));
        assertThat(lane.next(NO_LIMIT, RESET.plusSeconds(1))).isNotNull();
    }

    @Test
    void aThrottleOfOneConnectionTwiceDoesNotPauseTheLane() {
        lane.throttled(C1, RESET);
        lane.throttled(C1, RESET);

        assertThat(lane.budgetAvailable(T0)).isEqualTo(10);
    }

    /*
     * Fails against main as of writing (a main-code bug, not a wrong test). A 429 from Mastodon carries X-RateLimit-*
     * headers, so CheckExecutor.finish reports each throttled answer twice, observe (remaining 0) then throttled, in
     * that order. The second connection's observe finds the shared window and overwrites InstanceLane.lastSpent with
     * its own report, so its throttled call compares the connection with itself and the lane is only paced (one more
     * check still goes out), not paused. Fixed by keeping lastSpent when a report matches it.
     */
    @Test
    void aThrottleReportedWithItsRateLimitByTwoConnectionsPausesTheLane() {
        RateLimit spent = new RateLimit(300, 0, RESET);

        lane.observe(C1, spent, T0);
        lane.throttled(C1, RESET);
        lane.observe(C2, spent, T0);
        lane.throttled(C2, RESET);

        assertThat(lane.budgetAvailable(T0)).isZero();
    }

    private static CheckJob next(InstanceLane lane) {
        return lane.next(NO_LIMIT, T0);
    }

    private static List<CheckJob> takeAll(InstanceLane lane) {
        List<CheckJob> taken = new ArrayList<>();
        for (CheckJob job = next(lane); job != null; job = next(lane)) {
            taken.add(job);
        }
        return taken;
    }
}
