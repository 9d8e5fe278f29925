package io.authpipe.kafka.testing;

/** Byte-array search for the scanners and for tests. */
public final class Bytes {
    private Bytes() {
    }

    /** Whether {@code haystack} contains {@code needle}. */
    public static boolean contains(byte[] haystack, byte[] needle) {
        return indexOf(haystack, haystack.length, needle) >= 0;
    }

    /** The first index of {@code needle} within {@code haystack[0, length)}, or -1. */
    static int indexOf(byte[] haystack, int length, byte[] needle) {
        outer:
        for (int i = 0; i <= length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
