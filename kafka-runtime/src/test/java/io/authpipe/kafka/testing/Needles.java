package io.authpipe.kafka.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Many byte sequences looked for in one pass over the bytes: a rolling hash over a window as long as the shortest
 * needle, a bit set to skip most positions cheaply, and a byte-wise comparison where a needle's window matches. A leak
 * scan reads each file and record once, however many secrets it looks for.
 */
public final class Needles {
    private static final long BASE = 1_000_003L;
    private static final int FILTER_BITS = 1 << 22;

    private final List<byte[]> needles;
    private final int window;
    private final int longest;
    private final long dropFactor;
    private final long[] filter = new long[FILTER_BITS / 64];
    private final Map<Long, List<Integer>> byWindowHash = new HashMap<>();

    public Needles(List<byte[]> needles) {
        if (needles.isEmpty() || needles.stream().anyMatch(n -> n.length == 0)) {
            throw new IllegalArgumentException("needles must be non-empty, and there must be one");
        }
        this.needles = List.copyOf(needles);
        this.window = needles.stream().mapToInt(n -> n.length).min().orElseThrow();
        this.longest = needles.stream().mapToInt(n -> n.length).max().orElseThrow();
        long power = 1;
        for (int i = 1; i < window; i++) {
            power *= BASE;
        }
        this.dropFactor = power;
        for (int n = 0; n < needles.size(); n++) {
            long hash = hash(needles.get(n), 0, window);
            filter[slot(hash) >>> 6] |= 1L << slot(hash);
            byWindowHash.computeIfAbsent(hash, h -> new ArrayList<>()).add(n);
        }
    }

    /** The length of the longest needle: a stream read in chunks keeps this much less one between them. */
    public int longest() {
        return longest;
    }

    /** Adds to {@code found} the index of every needle that occurs in {@code bytes[0, length)}. */
    public void findIn(byte[] bytes, int length, Set<Integer> found) {
        if (length < window) {
            return;
        }
        long hash = hash(bytes, 0, window);
        for (int start = 0; ; start++) {
            int slot = slot(hash);
            if ((filter[slot >>> 6] & 1L << slot) != 0) {
                for (int n : byWindowHash.getOrDefault(hash, List.of())) {
                    if (matchesAt(bytes, length, start, needles.get(n))) {
                        found.add(n);
                    }
                }
            }
            if (start + window >= length) {
                return;
            }
            hash = (hash - (bytes[start] & 0xff) * dropFactor) * BASE + (bytes[start + window] & 0xff);
        }
    }

    private static boolean matchesAt(byte[] bytes, int length, int start, byte[] needle) {
        if (start + needle.length > length) {
            return false;
        }
        for (int i = 0; i < needle.length; i++) {
            if (bytes[start + i] != needle[i]) {
                return false;
            }
        }
        return true;
    }

    private static long hash(byte[] bytes, int from, int length) {
        long hash = 0;
        for (int i = from; i < from + length; i++) {
            hash = hash * BASE + (bytes[i] & 0xff);
        }
        return hash;
    }

    private static int slot(long hash) {
        return (int) ((hash ^ hash >>> 29) & (FILTER_BITS - 1));
    }
}
