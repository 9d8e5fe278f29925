package io.authpipe.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.events.ConnectionRef;
import io.authpipe.events.ExpiryTimer;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The timer schedule, driven by {@link TopologyTestDriver}'s wall clock: no sleeping. */
class RefreshTopologyTest {
    static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    final List<String> dispatched = new ArrayList<>();
    TopologyTestDriver driver;
    TestInputTopic<String, ExpiryTimer> timers;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "refresh-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(RefreshTopology.build(SchemaRegistry.none(),
                (key, timer) -> dispatched.add(key + "@" + timer.getVersion()), Duration.ofSeconds(1)), props, T0);
        timers = driver.createInputTopic(Topics.EXPIRY_TIMERS, Serdes.String().serializer(),
                AvroSerde.of(ExpiryTimer.class, SchemaRegistry.none()).serializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aTimerIsDispatchedOnceWhenItComesDue() {
        timers.pipeInput("acme:mastodon:u1", timer("u1", 1, T0.plusSeconds(30)));

        driver.advanceWallClockTime(Duration.ofSeconds(20));
        assertThat(dispatched).isEmpty();
        driver.advanceWallClockTime(Duration.ofSeconds(15));
        driver.advanceWallClockTime(Duration.ofSeconds(15));

        assertThat(dispatched).containsExactly("acme:mastodon:u1@1");
    }

    @Test
    void aNewerTimerReplacesTheOldOne() {
        timers.pipeInput("acme:mastodon:u2", timer("u2", 1, T0.plusSeconds(10)));
        timers.pipeInput("acme:mastodon:u2", timer("u2", 2, T0.plusSeconds(60)));

        driver.advanceWallClockTime(Duration.ofSeconds(30));
        assertThat(dispatched).isEmpty();
        driver.advanceWallClockTime(Duration.ofSeconds(31));

        assertThat(dispatched).containsExactly("acme:mastodon:u2@2");
    }

    @Test
    void aTombstoneCancelsTheTimer() {
        timers.pipeInput("acme:mastodon:u3", timer("u3", 1, T0.plusSeconds(10)));
        timers.pipeInput("acme:mastodon:u3", (ExpiryTimer) null);

        driver.advanceWallClockTime(Duration.ofMinutes(5));

        assertThat(dispatched).isEmpty();
    }

    private static ExpiryTimer timer(String user, long version, Instant dueAt) {
        return new ExpiryTimer(new ConnectionRef("acme", "mastodon", user), version, dueAt, dueAt.plusSeconds(300));
    }
}
