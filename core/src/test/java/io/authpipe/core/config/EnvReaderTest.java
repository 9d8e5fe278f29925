package io.authpipe.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Typed settings from the environment; a bad value fails at start-up with a message naming the variable. */
class EnvReaderTest {

    private static EnvReader env(String name, String value) {
        return new EnvReader(Map.of(name, value));
    }

    @Test
    void missingOrBlankVariablesFallBackToTheDefault() {
        // Given
        EnvReader reader = new EnvReader(Map.of("BLANK", "   "));

        // When / Then
        assertThat(reader.integer("MISSING", 7, 0, 10)).isEqualTo(7);
        assertThat(reader.integer("BLANK", 7, 0, 10)).isEqualTo(7);
        assertThat(reader.bool("BLANK", true)).isTrue();
        assertThat(reader.duration("MISSING", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(reader.list("MISSING", List.of("a"))).containsExactly("a");
        assertThat(reader.string("BLANK", "fallback")).isEqualTo("fallback");
        assertThat(reader.optional("BLANK")).isEmpty();
        assertThat(reader.path("MISSING", Path.of("/tmp"))).isEqualTo(Path.of("/tmp"));
    }

    @ParameterizedTest
    @CsvSource({"8080, 8080", "' 42 ', 42", "1, 1", "65535, 65535", "+7, 7"})
    void integersWithinTheRangeAreRead(String value, int expected) {
        assertThat(env("PORT", value).integer("PORT", 0, 1, 65535)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "-1"})
    void integersOutsideTheRangeNameTheVariableAndTheRange(String value) {
        assertThatThrownBy(() -> env("PORT", value).integer("PORT", 0, 1, 65535))
                .isInstanceOf(ConfigException.class)
                .hasMessage("PORT must be between 1 and 65535, was " + value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"eighty", "80.5", "0x50", "99999999999", "8 0"})
    void integerGarbageNamesTheVariable(String value) {
        assertThatThrownBy(() -> env("PORT", value).integer("PORT", 0, 1, Integer.MAX_VALUE))
                .isInstanceOf(ConfigException.class)
                .hasMessage("PORT must be an integer, was '" + value + "'");
    }

    @ParameterizedTest
    @CsvSource({"true, true", "TRUE, true", "1, true", "yes, true", "On, true",
            "false, false", "False, false", "0, false", "no, false", "OFF, false"})
    void booleansAcceptTheCommonSpellings(String value, boolean expected) {
        assertThat(env("DEV_MODE", value).bool("DEV_MODE", !expected)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "t", "2", "enabled"})
    void booleanGarbageNamesTheVariable(String value) {
        assertThatThrownBy(() -> env("DEV_MODE", value).bool("DEV_MODE", false))
                .isInstanceOf(ConfigException.class)
                .hasMessage("DEV_MODE must be true or false, was '" + value + "'");
    }

    @ParameterizedTest
    @CsvSource({"250ms, PT0.25S", "30s, PT30S", "10m, PT10M", "2h, PT2H", "1d, PT24H", "PT30S, PT30S",
            "pt30s, PT30S", "P1D, PT24H", "10M, PT10M", "0s, PT0S", "' 5s ', PT5S"})
    void durationsAcceptUnitSuffixesAndIso8601(String value, Duration expected) {
        assertThat(env("TIMEOUT", value).duration("TIMEOUT", Duration.ZERO)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "30", "s", "ms", "30 s", "1.5h", "10w", "P", "PTXS", "--5s",
            "99999999999999999999s", "999999999999999d", "9223372036854775807m", "PT9999999999999999999H"})
    void durationGarbageNamesTheVariable(String value) {
        assertThatThrownBy(() -> env("REFRESH_INTERVAL", value).duration("REFRESH_INTERVAL", Duration.ZERO))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("REFRESH_INTERVAL must be a duration such as 30s, 10m or PT30S")
                .hasMessageEndingWith("was '" + value + "'");
    }

    @Test
    void listsAreCommaSeparatedWithBlanksDropped() {
        assertThat(env("ALLOW", " a.example , b.example:3000,, ,c ").list("ALLOW", List.of()))
                .containsExactly("a.example", "b.example:3000", "c");
        assertThat(env("ALLOW", "single").list("ALLOW", List.of("x"))).containsExactly("single");
    }

    @Test
    void stringsAndPathsAreStripped() {
        // Given
        EnvReader reader = new EnvReader(Map.of("NAME", "  authpipe ", "DIR", " /var/lib/authpipe "));

        // When / Then
        assertThat(reader.string("NAME", "x")).isEqualTo("authpipe");
        assertThat(reader.optional("NAME")).contains("authpipe");
        assertThat(reader.path("DIR", Path.of("/tmp"))).isEqualTo(Path.of("/var/lib/authpipe"));
    }

    @Test
    void theReaderKeepsASnapshotOfTheEnvironment() {
        // Given
        java.util.HashMap<String, String> source = new java.util.HashMap<>(Map.of("PORT", "80"));
        EnvReader reader = new EnvReader(source);

        // When
        source.put("PORT", "81");

        // Then
        assertThat(reader.integer("PORT", 0, 1, 65535)).isEqualTo(80);
    }
}
