package io.authpipe.broker.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.TopicProbe;
import io.authpipe.events.ConnectionEvent;
import io.authpipe.events.ConnectionRef;
import io.authpipe.events.ExpiryTimer;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet connected in the same second, whose tokens all expire in the same second, is not refreshed in the same
 * second: the vault on a real broker spreads their timers over the jitter window.
 */
@ExtendWith(KafkaBrokerExtension.class)
class FleetJitterTest {
    static final int FLEET = 50;
    static final Duration LEAD = Duration.ofMinutes(5);
    static final Duration JITTER = Duration.ofMinutes(1);

    @Test
    void timersOfTokensExpiringInTheSameSecondAreSpreadOverTheJitterWindow(EmbeddedKafka kafka, @TempDir Path dir) {
        String tenant = "fleet"; // fixed: the jitter is a deterministic function of the connection key
        Instant expiresAt = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        AvroSerde<ConnectionEvent> events = AvroSerde.of(ConnectionEvent.class, SchemaRegistry.none());
        AvroSerde<ExpiryTimer> timers = AvroSerde.of(ExpiryTimer.class, SchemaRegistry.none());
        TopicProbe topics = new TopicProbe(kafka.bootstrapServers());

        try (BrokerFixture broker = BrokerFixture.start(kafka, dir, SandboxConfig.defaults(),
                Map.of("AUTHPIPE_REFRESH_LEAD", "5m", "AUTHPIPE_REFRESH_JITTER", "1m"), Clock.systemUTC())) {
            IntStream.range(0, FLEET).forEach(i -> {
                ConnectionEvent established = Events.established(Instant.now(), null, expiresAt);
                established.setConnection(new ConnectionRef(tenant, "mastodon", "user-" + i));
                topics.send(Topics.CONNECTION_EVENTS, tenant + ":mastodon:user-" + i,
                        events.serialize(Topics.CONNECTION_EVENTS, established));
            });
            topics.await(Topics.EXPIRY_TIMERS, r -> (tenant + ":mastodon:user-" + (FLEET - 1)).equals(r.key()),
                    Duration.ofSeconds(60));
        }

        List<Instant> dueTimes = topics.records(Topics.EXPIRY_TIMERS).stream()
                .filter(r -> r.key().startsWith(tenant + ":") && r.value() != null)
                .map(r -> timers.deserialize(Topics.EXPIRY_TIMERS, r.value()).getDueAt()).sorted().toList();
        assertThat(dueTimes).hasSize(FLEET).doesNotHaveDuplicates()
                .allSatisfy(due -> assertThat(due).isBetween(expiresAt.minus(LEAD).minus(JITTER), expiresAt.minus(LEAD)));
        assertThat(Duration.between(dueTimes.get(0), dueTimes.get(FLEET - 1))).isGreaterThan(JITTER.multipliedBy(3)
                .dividedBy(4));
        long busiestSecond = dueTimes.stream().map(t -> t.truncatedTo(ChronoUnit.SECONDS))
                .collect(java.util.stream.Collectors.groupingBy(t -> t, java.util.stream.Collectors.counting()))
                .values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(busiestSecond).isLessThanOrEqualTo(5);
    }
}
