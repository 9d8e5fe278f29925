package io.authpipe.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {
    final List<SseParser.Event> events = new ArrayList<>();
    final SseParser parser = new SseParser(events::add);

    void feed(String text) {
        text.lines().forEach(parser::line);
        if (text.endsWith("\n\n")) {
            parser.line("");
        }
    }

    @Test
    void fieldsAreCollectedUntilABlankLine() {
        feed("event: ready\nid: 42\ndata: {\"a\":1}\n\n");

        assertThat(events).containsExactly(new SseParser.Event("ready", "42", "{\"a\":1}"));
    }

    @Test
    void dataLinesAreJoinedAndOnlyOneSpaceIsDropped() {
        feed("data:one\ndata:  two\n\n");

        assertThat(events).containsExactly(new SseParser.Event("message", null, "one\n two"));
    }

    @Test
    void commentsAndEmptyEventsDispatchNothing() {
        feed(": heartbeat\n\n");
        feed("event: x\n\n");

        assertThat(events).isEmpty();
    }

    @Test
    void fieldsDoNotLeakIntoTheNextEvent() {
        feed("event: a\nid: 1\ndata: x\n\n");
        feed("data: y\n\n");

        assertThat(events).last().isEqualTo(new SseParser.Event("message", null, "y"));
    }
}
