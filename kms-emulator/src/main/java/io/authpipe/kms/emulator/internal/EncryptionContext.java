package io.authpipe.kms.emulator.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A KMS EncryptionContext: string pairs bound to a ciphertext as AES-GCM additional authenticated data, so
 * decryption needs exactly the same pairs. An absent context and an empty one are the same context.
 *
 * <p>Canonical encoding (order-independent): the pair count as a 4-byte big-endian int, then for each pair in
 * ascending order of key (by {@link String#compareTo}) the key and then the value, each as a 4-byte big-endian
 * byte length followed by its UTF-8 bytes. Length prefixes make the encoding unambiguous
 * ({@code {"a":"bc"}} and {@code {"ab":"c"}} differ).
 */
record EncryptionContext(Map<String, String> pairs) {

    EncryptionContext {
        pairs = Map.copyOf(pairs);
    }

    static EncryptionContext empty() {
        return new EncryptionContext(Map.of());
    }

    /** The canonical encoding described in the class comment. */
    byte[] canonicalBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(int32(pairs.size()));
        new TreeMap<>(pairs).forEach((key, value) -> {
            writeString(out, key);
            writeString(out, value);
        });
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(int32(utf8.length));
        out.writeBytes(utf8);
    }

    private static byte[] int32(int value) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(value).array();
    }

    /** Only the keys: values may be sensitive. */
    @Override
    public String toString() {
        return "EncryptionContext" + new TreeMap<>(pairs).keySet();
    }
}
