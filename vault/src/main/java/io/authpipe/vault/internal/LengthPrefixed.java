package io.authpipe.vault.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Builds the canonical byte strings the vault authenticates (AADs): raw bytes and a label as they are, then each
 * field as a 4-byte big-endian length followed by its UTF-8 bytes. Length prefixes make the encoding injective:
 * {@code ("ab","c")} and {@code ("a","bc")} differ.
 */
final class LengthPrefixed {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

    /** Appends {@code bytes} without a prefix (a fixed-size header). */
    LengthPrefixed raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** Appends the UTF-8 bytes of a fixed label, without a prefix. */
    LengthPrefixed label(String label) {
        return raw(label.getBytes(StandardCharsets.UTF_8));
    }

    /** Appends a big-endian int32. */
    LengthPrefixed int32(int value) {
        return raw(ByteBuffer.allocate(Integer.BYTES).putInt(value).array());
    }

    /** Appends the UTF-8 length of {@code field} as int32, then its UTF-8 bytes. */
    LengthPrefixed field(String field) {
        byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
        return int32(utf8.length).raw(utf8);
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
