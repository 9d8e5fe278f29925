package io.authpipe.vault.kms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes key files for tests. */
final class KeyFiles {
    /** The golden KEK 0x40..0x5f in base64. */
    static final String GOLDEN_KEK_BASE64 = "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=";

    private KeyFiles() {
    }

    static Path write(Path file, String content, String permissions) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    static Path writeGolden(Path file) throws IOException {
        return write(file, "# authpipe-kek v1\n" + GOLDEN_KEK_BASE64 + "\n", "rw-------");
    }
}
