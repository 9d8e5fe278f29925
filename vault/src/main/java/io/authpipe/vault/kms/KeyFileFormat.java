package io.authpipe.vault.kms;

import io.authpipe.vault.internal.KeyWrapV1;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * The text of the local key files (UTF-8): a version header line, comment lines starting with {@code #} and blank
 * lines (ignored), and exactly one line with the standard base64 (with padding) of the key bytes.
 *
 * <pre>
 * # authpipe-kek v1                 master key file: 32 bytes, the AES-256 master KEK
 * # authpipe-tenant-kek v1          tenant KEK file: 61 bytes, the tenant's AES-256 KEK wrapped by the master key
 *                                   (wrapped-key format v1, context {"tenant", "purpose": "tenant-kek", "kek": n})
 * </pre>
 */
enum KeyFileFormat {
    MASTER("# authpipe-kek v1", 32),
    TENANT_KEK("# authpipe-tenant-kek v1", KeyWrapV1.WRAPPED_BYTES);

    static final String MASTER_COMMENT = "Authpipe local key-encryption key (AES-256, base64). Keep it secret (chmod 600)"
            + " and back it up:\n# without it no stored secret can be decrypted, and a new key cannot replace it.";

    private final String header;
    private final int length;

    KeyFileFormat(String header, int length) {
        this.header = header;
        this.length = length;
    }

    String header() {
        return header;
    }

    /** The file text for {@code bytes}, with {@code comment} (may span lines, each continued with "# "). */
    String render(byte[] bytes, String comment) {
        return header + "\n# " + comment + "\n" + Base64.getEncoder().encodeToString(bytes) + "\n";
    }

    /** The bytes in {@code lines}; a message naming {@code path}, never the content, if they are not such a file. */
    byte[] parse(Path path, List<String> lines) {
        List<String> keyLines = lines.stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        if (lines.isEmpty() || !lines.get(0).strip().equals(header) || keyLines.size() != 1) {
            throw corrupt(path);
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(keyLines.get(0));
            if (bytes.length != length) {
                throw corrupt(path);
            }
            return bytes;
        } catch (IllegalArgumentException notBase64) {
            throw corrupt(path);
        }
    }

    IllegalStateException corrupt(Path path) {
        return new IllegalStateException("key file " + path + " is corrupt: expected the header '" + header
                + "' and one line of base64 encoding " + length + " bytes. Restore it from a backup;"
                + " a new key cannot decrypt the secrets stored under the old one");
    }
}
