package io.authpipe.kms.emulator.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every request the emulator received, answered or not: a count per operation and the raw bodies, in
 * arrival order. Thread-safe. Bodies are kept for tests that scan them; they are never logged.
 */
public final class CallLog {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();

    void record(String operation, byte[] body) {
        counts.computeIfAbsent(operation, name -> new LongAdder()).increment();
        total.increment();
        bodies.add(body.clone());
    }

    /** Requests received for one operation, e.g. {@code GenerateDataKey}. */
    public long count(String operation) {
        LongAdder count = counts.get(operation);
        return count == null ? 0 : count.sum();
    }

    /** Requests received for all operations. */
    public long total() {
        return total.sum();
    }

    /** Copies of the raw request bodies, in arrival order. */
    public List<byte[]> bodies() {
        return bodies.stream().map(byte[]::clone).toList();
    }
}
