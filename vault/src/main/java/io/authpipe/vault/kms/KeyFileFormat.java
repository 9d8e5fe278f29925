package io.authpipe.vault.kms;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * The text of a local key file, version 1 (UTF-8):
 *
 * <pre>
 * # authpipe-kek v1
 * # (further comment lines starting with '#', and blank lines, are ignored)
 * &lt;standard base64 with padding of the 32-byte AES-256 KEK&gt;
 * </pre>
 *
 * The first line is the version header and must match exactly; exactly one non-comment line holds the key.
 */
final class KeyFileFormat {
    static final String HEADER = "# authpipe-kek v1";
    private static final int KEK_BYTES = 32;

    private KeyFileFormat() {
    }

    static String render(byte[] kek) {
        return HEADER + "\n"
                + "# Authpipe local key-encryption key (AES-256, base64). Keep it secret (chmod 600) and back it up:\n"
                + "# without it no stored secret can be decrypted, and a new key cannot replace it.\n"
                + Base64.getEncoder().encodeToString(kek) + "\n";
    }

    /** The KEK in {@code lines}; a message naming {@code path}, never the content, if they are not a v1 key file. */
    static byte[] parse(Path path, List<String> lines) {
        List<String> keyLines = lines.stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER) || keyLines.size() != 1) {
            throw corrupt(path);
        }
        try {
            byte[] kek = Base64.getDecoder().decode(keyLines.get(0));
            if (kek.length != KEK_BYTES) {
                throw corrupt(path);
            }
            return kek;
        } catch (IllegalArgumentException notBase64) {
            throw corrupt(path);
        }
    }

    static IllegalStateException corrupt(Path path) {
        return new IllegalStateException("key file " + path + " is corrupt: expected the header '" + HEADER
                + "' and one line of base64 encoding " + KEK_BYTES + " bytes. Restore it from a backup;"
                + " a new key cannot decrypt the secrets stored under the old one");
    }
}
