package io.authpipe.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Parts stop newest first, each once; a failing part does not keep the others running; progress is visible. */
class ShutdownSequenceTest {

    @Test
    void partsStopNewestFirstEachOnceAndAFailureDoesNotStopTheRest() {
        // Given
        List<String> stopped = new ArrayList<>();
        ShutdownSequence sequence = new ShutdownSequence();
        sequence.add("broker", () -> stopped.add("broker"));
        sequence.add("api", () -> {
            stopped.add("api");
            throw new IllegalStateException("api failed to stop");
        });
        sequence.add("worker", () -> stopped.add("worker"));

        // When
        sequence.close();
        sequence.close();

        // Then
        assertThat(stopped).containsExactly("worker", "api", "broker");
        assertThat(sequence.unfinished()).isEmpty();
    }

    @Test
    void whileAPartStopsTheSequenceSaysWhichAndWhatIsLeft() throws InterruptedException {
        // Given
        CountDownLatch stopping = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ShutdownSequence sequence = new ShutdownSequence();
        sequence.add("broker", () -> { });
        sequence.add("streams", () -> {
            stopping.countDown();
            release.await();
        });
        sequence.add("http", () -> { });
        assertThat(sequence.unfinished()).containsExactly("http", "streams", "broker");

        // When
        Thread closer = new Thread(sequence::close);
        closer.start();
        stopping.await();

        // Then
        assertThat(sequence.unfinished()).containsExactly("streams", "broker");
        release.countDown();
        closer.join();
        await().until(() -> sequence.unfinished().isEmpty());
    }
}
