package io.authpipe.kafka.deadletter.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@code dead-letters list|replay} accepts, and the messages for what it does not. */
class DeadLettersArgumentsTest {
    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void listTakesATimeOrADurationBackFromNowAndFilters() {
        DeadLettersArguments relative = DeadLettersArguments.parse(List.of("list", "--since", "2h",
                "--application", "authpipe-health-worker"), CLOCK);
        DeadLettersArguments absolute = DeadLettersArguments.parse(List.of("list", "--since",
                "2026-12-01T00:00:00Z", "--source-topic", "t"), CLOCK);

        assertThat(relative.replay()).isFalse();
        assertThat(relative.filter().since()).isEqualTo(NOW.minusSeconds(7200));
        assertThat(relative.filter().application()).contains("authpipe-health-worker");
        assertThat(absolute.filter().since()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(absolute.filter().sourceTopic()).contains("t");
        assertThat(DeadLettersArguments.parse(List.of("list"), CLOCK).filter()).isEqualTo(DeadLetterFilter.all());
    }

    @Test
    void replayNamesItsSourceTopicAndEitherOneOffsetOrAll() {
        DeadLettersArguments one = DeadLettersArguments.parse(List.of("replay", "--source-topic", "t", "--offset", "7",
                "--partition", "2", "--dry-run"), CLOCK);

        assertThat(one.replay()).isTrue();
        assertThat(one.dryRun()).isTrue();
        assertThat(one.filter().sourceOffset()).isEqualTo(Optional.of(7L));
        assertThat(one.filter().sourcePartition()).isEqualTo(Optional.of(2));
        assertThat(DeadLettersArguments.parse(List.of("replay", "--source-topic", "t", "--all"), CLOCK).all()).isTrue();
        assertThatThrownBy(() -> DeadLettersArguments.parse(List.of("replay", "--all"), CLOCK))
                .hasMessage("replay needs --source-topic and either --offset or --all");
        assertThatThrownBy(() -> DeadLettersArguments.parse(List.of("replay", "--source-topic", "t", "--all",
                "--offset", "1"), CLOCK)).hasMessageContaining("either --offset or --all");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> DeadLettersArguments.parse(List.of(), CLOCK)).hasMessage("name a command: list or replay");
        assertThatThrownBy(() -> DeadLettersArguments.parse(List.of("list", "--since", "yesterday"), CLOCK))
                .hasMessageStartingWith("--since must be");
        assertThatThrownBy(() -> DeadLettersArguments.parse(List.of("list", "--offset", "x"), CLOCK))
                .hasMessage("--offset must be a number");
        assertThatThrownBy(() -> DeadLettersArguments.parse(List.of("list", "--verbose"), CLOCK))
                .hasMessage("unknown or incomplete option: --verbose");
    }
}
