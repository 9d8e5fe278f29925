package io.authpipe.vault.kms;

import io.authpipe.vault.internal.AesGcm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads or creates the local master key file ({@link KeyFileFormat#MASTER}): mode 0600, created atomically (see
 * {@link OwnerOnlyFiles}); of two processes creating at once, one wins and both use its key.
 */
final class KeyFile {
    private static final Logger LOG = LoggerFactory.getLogger(KeyFile.class);

    private KeyFile() {
    }

    /** The KEK in {@code path}, created first if the file does not exist. */
    static byte[] readOrCreate(Path path) {
        try {
            return Files.exists(path) ? read(path) : create(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create key file " + path, e);
        }
    }

    /** The bytes in the key file {@code path} of {@code format}, after checking it is readable by its owner only. */
    static byte[] read(Path path, KeyFileFormat format) throws IOException {
        OwnerOnlyFiles.checkOwnerOnly(path, "key file");
        try {
            return format.parse(path, Files.readAllLines(path, StandardCharsets.UTF_8));
        } catch (CharacterCodingException notText) {
            throw format.corrupt(path);
        }
    }

    private static byte[] read(Path path) throws IOException {
        return read(path, KeyFileFormat.MASTER);
    }

    private static byte[] create(Path path) throws IOException {
        byte[] kek = AesGcm.randomBytes(AesGcm.KEY_BYTES);
        if (!OwnerOnlyFiles.createOnce(path, KeyFileFormat.MASTER.render(kek, KeyFileFormat.MASTER_COMMENT))) {
            return read(path);
        }
        LOG.info("created key file {}; back it up: without it no stored secret can be decrypted", path);
        return kek;
    }
}
