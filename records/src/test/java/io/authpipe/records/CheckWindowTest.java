package io.authpipe.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CheckWindowTest {
    static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    static final Duration MARGIN = Duration.ofSeconds(10);

    @Test
    void aTokenThatNeverExpiresAndHasNoRefreshIsAlwaysJudged() {
        CheckWindow window = CheckWindow.of(null, null, MARGIN);

        assertThat(window.isOpenAt(T0.plus(Duration.ofDays(3650)))).isTrue();
        assertThat(window.closesAt()).isEmpty();
    }

    @Test
    void theWindowClosesAMarginBeforeExpiry() {
        CheckWindow window = CheckWindow.untilExpiry(T0.plusSeconds(60), MARGIN);

        assertThat(window.isOpenAt(T0.plusSeconds(49))).isTrue();
        assertThat(window.isOpenAt(T0.plusSeconds(50))).isFalse();
        assertThat(window.isOpenAt(T0.plusSeconds(61))).isFalse();
    }

    @Test
    void aRefreshDueBeforeExpiryClosesItEarlier() {
        CheckWindow window = CheckWindow.of(T0.plusSeconds(600), T0.plusSeconds(300), MARGIN);

        assertThat(window.closesAt()).contains(T0.plusSeconds(290));
        assertThat(CheckWindow.of(T0.plusSeconds(600), T0.plusSeconds(900), MARGIN).closesAt())
                .contains(T0.plusSeconds(590));
        assertThat(CheckWindow.of(null, T0.plusSeconds(300), MARGIN).closesAt()).contains(T0.plusSeconds(290));
    }

    @Test
    void aNegativeMarginIsRefused() {
        assertThatThrownBy(() -> CheckWindow.of(T0, null, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
