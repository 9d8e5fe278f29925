package io.authpipe.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Display names lose control and bidi characters and are bounded, whatever an instance sends. */
class DisplayNamesTest {

    @Test
    void controlAndBidiCharactersAreDroppedAndTheRestKept() {
        // Given
        String hostile = "\u202eAlice\u0000 \u001b[31mExample\u0085\n\u2066 🐘 Zoë\u200d\u2069\t";

        // When
        String clean = DisplayNames.clean(hostile);

        // Then
        assertThat(clean).isEqualTo("Alice [31mExample 🐘 Zoë\u200d");
    }

    @Test
    void aNameOfOnlyControlsOrSpacesIsNoName() {
        assertThat(DisplayNames.clean("\u0000\u202e \n")).isNull();
        assertThat(DisplayNames.clean("")).isNull();
    }

    @Test
    void aLongNameIsCutAtTheBoundWithoutSplittingASurrogatePair() {
        // Given 150 elephants (each two UTF-16 units)
        String elephants = "🐘".repeat(150);

        // When
        String clean = DisplayNames.clean(elephants);

        // Then
        assertThat(clean.codePointCount(0, clean.length())).isEqualTo(DisplayNames.MAX_CODE_POINTS);
        assertThat(clean).isEqualTo("🐘".repeat(DisplayNames.MAX_CODE_POINTS));
    }

    @Property(tries = 2000)
    void anyNameComesOutBoundedAndFreeOfControls(@ForAll @StringLength(max = 400) String raw) {
        // When
        String clean = DisplayNames.clean(raw);

        // Then
        if (clean != null) {
            assertThat(clean.codePointCount(0, clean.length())).isLessThanOrEqualTo(DisplayNames.MAX_CODE_POINTS);
            assertThat(clean.codePoints()).noneMatch(DisplayNames::isControl);
            assertThat(clean).isEqualTo(clean.strip()).isNotEmpty();
        }
    }
}
