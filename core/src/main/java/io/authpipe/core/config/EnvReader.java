package io.authpipe.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads typed settings from environment variables, once, at start-up. Every bad value fails with a
 * {@link ConfigException} that names the variable and says what was expected; components receive immutable
 * config records and never read the environment themselves.
 */
public final class EnvReader {
    private final Map<String, String> env;

    public EnvReader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static EnvReader system() {
        return new EnvReader(System.getenv());
    }

    /** Every variable, for settings parsed by a library's own reader (such as the AWS KMS settings). */
    public Map<String, String> asMap() {
        return env;
    }

    /** This reader with {@code overrides} replacing its values. */
    public EnvReader with(Map<String, String> overrides) {
        Map<String, String> merged = new java.util.HashMap<>(env);
        merged.putAll(overrides);
        return new EnvReader(merged);
    }

    /** This reader with {@code defaults} for the variables it does not set. */
    public EnvReader withDefaults(Map<String, String> defaults) {
        Map<String, String> merged = new java.util.HashMap<>(defaults);
        merged.putAll(env);
        return new EnvReader(merged);
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** A variable that must be set; {@code form} says what it should look like. */
    public String required(String name, String form) {
        return optional(name).orElseThrow(() -> new ConfigException(name + " is required (" + form + ")"));
    }

    public String string(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    public int integer(String name, int defaultValue, int min, int max) {
        return optional(name).map(v -> parseInt(name, v, min, max)).orElse(defaultValue);
    }

    public boolean bool(String name, boolean defaultValue) {
        return optional(name).map(v -> parseBool(name, v)).orElse(defaultValue);
    }

    /** Accepts {@code 250ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT30S}). */
    public Duration duration(String name, Duration defaultValue) {
        Duration value = optional(name).map(v -> parseDuration(name, v)).orElse(defaultValue);
        if (value.isNegative()) {
            throw new ConfigException(name + " must not be negative, was " + value);
        }
        return value;
    }

    /** Comma-separated; blanks dropped. */
    public List<String> list(String name, List<String> defaultValue) {
        return optional(name).map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(defaultValue);
    }

    public Path path(String name, Path defaultValue) {
        return optional(name).map(Path::of).orElse(defaultValue);
    }

    private static int parseInt(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new ConfigException(name + " must be between " + min + " and " + max + ", was " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be an integer, was '" + value + "'");
        }
    }

    private static boolean parseBool(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new ConfigException(name + " must be true or false, was '" + value + "'");
        };
    }

    static Duration parseDuration(String name, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long amount = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException
                 | ArithmeticException e) { // ArithmeticException: too large for a Duration, e.g. 999999999999999d
            throw new ConfigException(name + " must be a duration such as 30s, 10m or PT30S, was '" + value + "'");
        }
    }
}
