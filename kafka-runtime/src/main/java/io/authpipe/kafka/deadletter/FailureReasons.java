package io.authpipe.kafka.deadletter;

/**
 * The {@value DeadLetterHeaders#REASON} of a failure: a {@link RecordRejectedException}'s reason as it is, else the
 * exception's simple class name and the first line of its message, without control characters, at most
 * {@value #MAX_LENGTH} characters. Never a stack trace. Authpipe's exceptions carry no record content and no secret in
 * their messages (a house rule: the Avro serde names the topic, the byte count and what is wrong, never the bytes).
 */
final class FailureReasons {
    static final int MAX_LENGTH = 500;

    private FailureReasons() {
    }

    static String of(Exception exception) {
        if (exception instanceof RecordRejectedException rejected) {
            return clean(rejected.reason());
        }
        String message = exception.getMessage();
        String name = exception.getClass().getSimpleName();
        return clean(message == null || message.isBlank() ? name : name + ": " + message);
    }

    private static String clean(String text) {
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        StringBuilder cleaned = new StringBuilder(Math.min(line.length(), MAX_LENGTH));
        line.codePoints().limit(MAX_LENGTH).forEach(c -> cleaned.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return cleaned.toString().strip();
    }
}
