package io.authpipe.core.ops;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds a {@link DataDirLock}: what its lock file says. Only the message of a refused start reads it; the OS
 * lock, not this content, decides who runs.
 *
 * <p>Format of the lock file (UTF-8, one {@code key=value} a line, unknown keys ignored):
 * <pre>
 * pid=12345
 * process=launcher
 * started=2026-11-26T20:31:07.412Z
 * </pre>
 * A holder that has locked the file but not yet written it shows as unknown (empty fields).
 *
 * @param pid     the holder's process id
 * @param process what runs there ({@code launcher}, {@code broker-api}, ...)
 * @param started when it took the lock
 */
public record LockHolder(Optional<Long> pid, Optional<String> process, Optional<Instant> started) {

    /** This process, taking a lock at {@code now}. */
    static LockHolder current(String process, Instant now) {
        return new LockHolder(Optional.of(ProcessHandle.current().pid()), Optional.of(process), Optional.of(now));
    }

    byte[] render() {
        return ("pid=" + pid.map(String::valueOf).orElse("") + "\nprocess=" + process.orElse("")
                + "\nstarted=" + started.map(Instant::toString).orElse("") + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The holder described by {@code content}; fields that are missing or malformed are empty. */
    static LockHolder parse(byte[] content) {
        Map<String, String> fields = new HashMap<>();
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return new LockHolder(parsed(fields.get("pid"), Long::valueOf),
                Optional.ofNullable(fields.get("process")).filter(p -> p.matches("[a-z0-9-]{1,64}")),
                parsed(fields.get("started"), Instant::parse));
    }

    /** For a message: {@code pid 12345, launcher, started 2026-11-26T20:31:07.412Z}. */
    String describe() {
        return "pid " + pid.map(String::valueOf).orElse("unknown")
                + process.map(p -> ", " + p).orElse("")
                + started.map(s -> ", started " + s).orElse("");
    }

    private static <T> Optional<T> parsed(String value, java.util.function.Function<String, T> parser) {
        try {
            return Optional.ofNullable(value).filter(v -> !v.isEmpty()).map(parser);
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
