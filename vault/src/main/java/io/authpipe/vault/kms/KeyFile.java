package io.authpipe.vault.kms;

import io.authpipe.vault.internal.AesGcm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads or creates the local key file ({@link KeyFileFormat}). New files are created with mode 0600 atomically (the
 * permission is set at creation of a temporary file, which is fsynced and then hard-linked into place, so no reader
 * ever sees a partial or world-readable key, and of two processes creating at once, one wins and both use its key).
 * Existing files accessible by group or others are refused. On file systems without POSIX permissions the checks are
 * skipped with a warning.
 */
final class KeyFile {
    private static final Logger LOG = LoggerFactory.getLogger(KeyFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.complementOf(EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));

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

    private static byte[] read(Path path) throws IOException {
        checkOwnerOnly(path);
        try {
            return KeyFileFormat.parse(path, Files.readAllLines(path, StandardCharsets.UTF_8));
        } catch (CharacterCodingException notText) {
            throw KeyFileFormat.corrupt(path);
        }
    }

    private static void checkOwnerOnly(Path path) throws IOException {
        if (!isPosix(path)) {
            LOG.warn("key file {} is on a file system without POSIX permissions; make sure only this user can read it", path);
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new IllegalStateException("key file " + path + " is accessible by group or others ("
                    + PosixFilePermissions.toString(permissions) + "); restrict it with: chmod 600 " + path);
        }
    }

    private static byte[] create(Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        byte[] kek = AesGcm.randomBytes(AesGcm.KEY_BYTES);
        Path temp = isPosix(dir)
                ? Files.createTempFile(dir, ".authpipe-kek", ".tmp", ownerOnly())
                : Files.createTempFile(dir, ".authpipe-kek", ".tmp");
        try {
            writeDurably(temp, KeyFileFormat.render(kek));
            return publish(temp, path) ? kek : read(path);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void writeDurably(Path file, String content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
    }

    /** Links {@code temp} in as {@code path}; false if another process created {@code path} first. */
    private static boolean publish(Path temp, Path path) throws IOException {
        try {
            try {
                Files.createLink(path, temp);
            } catch (UnsupportedOperationException noHardLinks) {
                Files.move(temp, path);
            }
            LOG.info("created key file {}; back it up: without it no stored secret can be decrypted", path);
            return true;
        } catch (FileAlreadyExistsException lostRace) {
            return false;
        }
    }

    private static boolean isPosix(Path path) throws IOException {
        return Files.getFileStore(path).supportsFileAttributeView("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    }
}
