package io.authpipe.health;

import static io.authpipe.health.CheckDriver.EXPIRY_MARGIN;
import static io.authpipe.health.CheckDriver.INTERVAL;
import static io.authpipe.health.CheckDriver.RETRY_BASE;
import static io.authpipe.health.CheckDriver.SCAN;
import static io.authpipe.health.CheckDriver.T0;
import static io.authpipe.health.CheckDriver.expiring;
import static io.authpipe.health.CheckDriver.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.health.check.CheckJob;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The health check never judges a token whose refresh is due or which is near or past its expiry: the schedule
 * leaves such a connection to the refresh-worker and checks the refreshed version instead. TopologyTestDriver's wall
 * clock and the injected clock move together; random factor 0.25.
 */
class CheckWindowSchedulingTest {
    static final String KEY = key("u1");
    /** A new connection's first check with random 0.25. */
    static final Instant FIRST_DUE = T0.plus(INTERVAL.multipliedBy(3).dividedBy(4));
    /** After the first check in a row that said nothing (or could not be sent), random 0.25: 0.9 retry bases. */
    static final Duration FIRST_RETRY = RETRY_BASE.multipliedBy(9).dividedBy(10);
    static final String LEFT = "left_to_refresh";

    CheckDriver driver = CheckDriver.start();

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aTokenPastItsExpiryIsNotCheckedButLeftToTheRefreshWorker() {
        driver.put(expiring("u1", 3, T0.plus(Duration.ofMinutes(10)), T0.plus(Duration.ofMinutes(5))));

        driver.advanceTo(FIRST_DUE);

        assertThat(driver.jobs()).isEmpty();
        assertThat(driver.checks(LEFT)).isEqualTo(1);
        assertThat(driver.stored(KEY).getDueAt()).isEqualTo(FIRST_DUE.plus(FIRST_RETRY));
        assertThat(driver.stored(KEY).getAmbiguousInRow()).isEqualTo(1);
    }

    @Test
    void aTokenWhoseRefreshIsDueIsNotCheckedEvenBeforeItExpires() {
        driver.put(expiring("u1", 3, FIRST_DUE.plus(Duration.ofMinutes(5)), FIRST_DUE.minusSeconds(1)));

        driver.advanceTo(FIRST_DUE);

        assertThat(driver.jobs()).isEmpty();
        assertThat(driver.checks(LEFT)).isEqualTo(1);
    }

    @Test
    void checksStopAMarginBeforeTheRefreshIsDue() {
        driver.put(expiring("u1", 3, FIRST_DUE.plus(Duration.ofHours(1)),
                FIRST_DUE.plus(EXPIRY_MARGIN).plusSeconds(1)));
        driver.put(expiring("u2", 3, FIRST_DUE.plus(Duration.ofHours(1)), FIRST_DUE.plus(EXPIRY_MARGIN)));

        driver.advanceTo(FIRST_DUE);

        assertThat(driver.jobs()).extracting(CheckJob::connectionKey).containsExactly(KEY);
        assertThat(driver.stored(key("u2")).getDueAt()).isAfter(FIRST_DUE);
    }

    @Test
    void theRefreshedVersionIsCheckedWhenTheLeftCheckComesDueAgain() {
        driver.put(expiring("u1", 3, T0.plus(Duration.ofMinutes(10)), T0.plus(Duration.ofMinutes(5))));
        driver.advanceTo(FIRST_DUE);

        Instant refreshedAt = driver.now().plusSeconds(20);
        driver.advanceTo(refreshedAt);
        driver.put(expiring("u1", 4, refreshedAt.plus(Duration.ofHours(1)), refreshedAt.plus(Duration.ofMinutes(55))));
        driver.advanceTo(FIRST_DUE.plus(FIRST_RETRY));

        assertThat(driver.jobs()).singleElement().satisfies(job -> assertThat(job.version()).isEqualTo(4));
    }

    @Test
    void leftChecksBackOffTowardsTheIntervalWhileTheRefreshKeepsFailing() {
        driver.put(expiring("u1", 3, T0.plus(Duration.ofMinutes(10)), T0.plus(Duration.ofMinutes(5))));
        driver.advanceTo(FIRST_DUE);

        for (int inRow = 2; inRow <= 8; inRow++) {
            driver.advanceTo(driver.stored(KEY).getDueAt());
        }

        assertThat(driver.jobs()).isEmpty();
        assertThat(driver.checks(LEFT)).isEqualTo(8);
        assertThat(Duration.between(driver.now(), driver.stored(KEY).getDueAt()))
                .isEqualTo(INTERVAL.multipliedBy(9).dividedBy(10));
    }

    @Test
    void aConsumersReportOfARefusedExpiredTokenSendsNoCheckAndTheRefreshedVersionIsCheckedAtOnce() {
        driver.put(expiring("u1", 3, T0.plus(Duration.ofMinutes(10)), T0.plus(Duration.ofMinutes(5))));
        driver.advanceTo(T0.plus(Duration.ofMinutes(11)));

        driver.request("u1");
        driver.advance(SCAN);
        assertThat(driver.jobs()).isEmpty();
        assertThat(driver.stored(KEY).getRequestedAt()).isNotNull();
        driver.put(expiring("u1", 4, driver.now().plus(Duration.ofHours(1)),
                driver.now().plus(Duration.ofMinutes(55))));
        driver.advance(SCAN);

        assertThat(driver.jobs()).singleElement().satisfies(job -> {
            assertThat(job.version()).isEqualTo(4);
            assertThat(job.urgent()).isTrue();
        });
    }
}
