package io.authpipe.sdk.internal;

import java.util.function.Consumer;

/**
 * Server-sent events, line by line (WHATWG HTML §9.2.6 "Interpreting an event stream"): {@code event:},
 * {@code id:} and {@code data:} fields (several data lines joined by a newline), a blank line dispatches, a line
 * starting with {@code :} is a comment (the server's heartbeat). One space after the colon is dropped. Not
 * thread-safe: one parser per connection.
 */
final class SseParser {
    /** One dispatched event; {@code id} is null when the event carried none. */
    record Event(String type, String id, String data) {
    }

    private final Consumer<Event> sink;
    private String type;
    private String id;
    private StringBuilder data;

    SseParser(Consumer<Event> sink) {
        this.sink = sink;
    }

    void line(String line) {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.charAt(0) == ':') {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + (line.startsWith(" ", colon + 1) ? 2 : 1));
        switch (field) {
            case "event" -> type = value;
            case "id" -> id = value;
            case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            default -> { } // "retry" and unknown fields: ignored
        }
    }

    private void dispatch() {
        if (data != null) {
            sink.accept(new Event(type == null ? "message" : type, id, data.toString()));
        }
        type = null;
        id = null;
        data = null;
    }
}
