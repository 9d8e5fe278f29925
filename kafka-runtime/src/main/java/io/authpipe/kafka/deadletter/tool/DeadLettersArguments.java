package io.authpipe.kafka.deadletter.tool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arguments of {@code dead-letters list|replay}, parsed; a bad one is an {@link IllegalArgumentException} whose
 * message says what is wrong.
 *
 * @param replay whether to replay (else list)
 * @param filter which dead letters
 * @param all    replay: every dead letter the filter picks (else exactly one, named by its source offset)
 * @param dryRun replay: only say what would be replayed
 */
record DeadLettersArguments(boolean replay, DeadLetterFilter filter, boolean all, boolean dryRun) {
    static final String USAGE = """
            usage: dead-letters list [--since 2h|2026-12-07T10:00:00Z] [--application ID] [--source-topic T]
                   dead-letters replay --source-topic T (--offset N [--partition P] | --all) [--since ...]
                                       [--application ID] [--dry-run]""";
    private static final Set<String> FLAGS = Set.of("--all", "--dry-run");
    private static final Set<String> OPTIONS = Set.of("--since", "--application", "--source-topic", "--partition",
            "--offset");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)([smhd])");

    static DeadLettersArguments parse(List<String> args, Clock clock) {
        if (args.isEmpty() || !Set.of("list", "replay").contains(args.get(0))) {
            throw new IllegalArgumentException("name a command: list or replay");
        }
        Map<String, String> given = options(args.subList(1, args.size()));
        DeadLetterFilter filter = new DeadLetterFilter(since(given.get("--since"), clock),
                Optional.ofNullable(given.get("--application")), Optional.ofNullable(given.get("--source-topic")),
                Optional.ofNullable(given.get("--partition")).map(v -> number(v, "--partition").intValue()),
                Optional.ofNullable(given.get("--offset")).map(v -> number(v, "--offset")));
        boolean replay = args.get(0).equals("replay");
        boolean all = given.containsKey("--all");
        if (replay && (filter.sourceTopic().isEmpty() || all == filter.sourceOffset().isPresent())) {
            throw new IllegalArgumentException("replay needs --source-topic and either --offset or --all");
        }
        return new DeadLettersArguments(replay, filter, all, given.containsKey("--dry-run"));
    }

    private static Map<String, String> options(List<String> args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (FLAGS.contains(name)) {
                given.put(name, "");
            } else if (OPTIONS.contains(name) && i + 1 < args.size()) {
                given.put(name, args.get(++i));
            } else {
                throw new IllegalArgumentException("unknown or incomplete option: " + name);
            }
        }
        return given;
    }

    /** An instant, or a duration back from now ({@code 30m}, {@code 2h}, {@code 7d}, {@code PT90M}). */
    private static Instant since(String value, Clock clock) {
        if (value == null) {
            return Instant.EPOCH;
        }
        Matcher shortForm = SHORT_DURATION.matcher(value);
        try {
            if (shortForm.matches()) {
                long amount = Long.parseLong(shortForm.group(1));
                return clock.instant().minus(switch (shortForm.group(2)) {
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            }
            return value.toUpperCase(Locale.ROOT).startsWith("P")
                    ? clock.instant().minus(Duration.parse(value.toUpperCase(Locale.ROOT)))
                    : Instant.parse(value);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("--since must be an instant (2026-12-07T10:00:00Z) or a duration "
                    + "(30m, 2h, 7d)");
        }
    }

    private static Long number(String value, String option) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number");
        }
    }
}
