package io.authpipe.benchmarks;

import io.authpipe.kms.emulator.KmsEmulator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests the KMS emulator received, per operation: a snapshot of its counters, or the difference of two.
 *
 * @param byOperation counts of the operations in {@link #OPERATIONS}, in that order
 * @param total       requests of every operation, those listed or not
 */
record KmsCalls(Map<String, Long> byOperation, long total) {
    /** The operations the vault asks AWS KMS for, in the order of the report's columns. */
    static final List<String> OPERATIONS = List.of("CreateKey", "CreateAlias", "GenerateDataKey", "Decrypt");

    KmsCalls {
        byOperation = Map.copyOf(byOperation);
    }

    /** What {@code emulator} has counted so far. */
    static KmsCalls of(KmsEmulator emulator) {
        Map<String, Long> counts = new LinkedHashMap<>();
        OPERATIONS.forEach(operation -> counts.put(operation, emulator.callCount(operation)));
        return new KmsCalls(counts, emulator.totalCalls());
    }

    /** The calls made since {@code earlier}. */
    KmsCalls minus(KmsCalls earlier) {
        return combine(earlier, -1);
    }

    /** These calls and {@code other} together. */
    KmsCalls plus(KmsCalls other) {
        return combine(other, 1);
    }

    long count(String operation) {
        return byOperation.getOrDefault(operation, 0L);
    }

    /** Calls of operations not in {@link #OPERATIONS} (DescribeKey, for instance): none expected. */
    long other() {
        return total - byOperation.values().stream().mapToLong(Long::longValue).sum();
    }

    private KmsCalls combine(KmsCalls other, int sign) {
        Map<String, Long> counts = new LinkedHashMap<>();
        OPERATIONS.forEach(operation -> counts.put(operation, count(operation) + sign * other.count(operation)));
        return new KmsCalls(counts, total + sign * other.total);
    }
}
