package io.authpipe.broker.events;

/** Where a stream's events go: one client's Server-Sent Events connection. Writes block while the client reads. */
public interface EventSink {
    void event(String name, String id, String data);

    void comment(String text);

    boolean isOpen();

    void close();
}
