package io.authpipe.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.events.AccountInfo;
import io.authpipe.events.ConnectionRef;
import io.authpipe.events.ConnectionStatus;
import io.authpipe.events.CredentialUpdated;
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

/** The check schedule, driven by {@link TopologyTestDriver}'s wall clock, with the jitter fixed at its midpoint. */
class HealthTopologyTest {
    static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    static final Duration INTERVAL = Duration.ofMinutes(10);
    final List<String> checked = new ArrayList<>();
    TopologyTestDriver driver;
    TestInputTopic<String, CredentialUpdated> updates;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "health-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(HealthTopology.build(SchemaRegistry.none(),
                (key, connection) -> checked.add(key), INTERVAL, () -> 0.5), props, T0);
        updates = driver.createInputTopic(Topics.CREDENTIAL_UPDATED, Serdes.String().serializer(),
                AvroSerde.of(CredentialUpdated.class, SchemaRegistry.none()).serializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void anActiveConnectionIsCheckedEveryInterval() {
        updates.pipeInput("acme:mastodon:u1", update("u1", ConnectionStatus.ACTIVE));

        driver.advanceWallClockTime(INTERVAL.minusSeconds(5));
        assertThat(checked).isEmpty();
        driver.advanceWallClockTime(Duration.ofSeconds(10));
        assertThat(checked).containsExactly("acme:mastodon:u1");
        driver.advanceWallClockTime(INTERVAL);
        assertThat(checked).hasSize(2);
    }

    @Test
    void aRevokedConnectionLeavesTheSchedule() {
        updates.pipeInput("acme:mastodon:u2", update("u2", ConnectionStatus.ACTIVE));
        updates.pipeInput("acme:mastodon:u2", update("u2", ConnectionStatus.REVOKED));

        driver.advanceWallClockTime(INTERVAL.multipliedBy(3));

        assertThat(checked).isEmpty();
    }

    @Test
    void jitterSpreadsChecksBetweenEightyAndOneHundredTwentyPercentOfTheInterval() {
        CheckInterval low = new CheckInterval(INTERVAL, () -> 0.0);
        CheckInterval high = new CheckInterval(INTERVAL, () -> 0.999_999);

        assertThat(low.next(T0)).isEqualTo(T0.plus(Duration.ofMinutes(8)));
        assertThat(high.next(T0)).isBetween(T0.plus(Duration.ofMinutes(11)), T0.plus(Duration.ofMinutes(12)));
    }

    private static CredentialUpdated update(String user, ConnectionStatus status) {
        return CredentialUpdated.newBuilder()
                .setConnection(new ConnectionRef("acme", "mastodon", user))
                .setVersion(1)
                .setStatus(status)
                .setInstance("https://mastodon.example")
                .setScopes(List.of("read"))
                .setTokenType("Bearer")
                .setAccount(new AccountInfo("1", user, user + "@example", null, null, null))
                .setUpdatedAt(T0)
                .build();
    }
}
