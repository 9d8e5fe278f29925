package io.authpipe.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The watchdog halts a shutdown that outlives its deadline, and never one that finished in time. */
class BoundedShutdownTest {

    @Test
    void aShutdownThatFinishesInTimeIsNeverHalted() {
        // Given
        List<Integer> halts = new CopyOnWriteArrayList<>();
        ShutdownSequence sequence = new ShutdownSequence();
        sequence.add("quick", () -> { });

        // When: run returns only after the watchdog stood down
        BoundedShutdown.run(sequence, Duration.ofSeconds(30), halts::add);

        // Then
        assertThat(halts).isEmpty();
    }

    @Test
    void aPartThatDoesNotStopBeforeTheDeadlineHaltsTheJvm() throws InterruptedException {
        // Given
        List<Integer> halts = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        ShutdownSequence sequence = new ShutdownSequence();
        sequence.add("broker", () -> { });
        sequence.add("spinning", release::await);

        // When
        Thread stopper = new Thread(() -> BoundedShutdown.run(sequence, Duration.ofMillis(200), halts::add));
        stopper.start();

        // Then
        await().atMost(Duration.ofSeconds(10)).until(() -> !halts.isEmpty());
        assertThat(halts).containsExactly(BoundedShutdown.HALT_STATUS);
        assertThat(sequence.unfinished()).containsExactly("spinning", "broker");
        release.countDown();
        stopper.join();
    }
}
