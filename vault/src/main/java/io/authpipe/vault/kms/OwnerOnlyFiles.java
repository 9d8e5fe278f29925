package io.authpipe.vault.kms;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Key files only their owner can read: created with mode 0600 atomically (a temporary file created with that mode,
 * fsynced, then hard-linked into place, so no reader ever sees a partial or world-readable key, and of two processes
 * creating at once exactly one wins), directories 0700. Existing files or directories that group or others can access
 * are refused. On file systems without POSIX permissions the checks are skipped with a warning.
 */
final class OwnerOnlyFiles {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnlyFiles.class);
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.complementOf(EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));

    private OwnerOnlyFiles() {
    }

    /** Refuses {@code path} (file or directory) if group or others have any permission on it. */
    static void checkOwnerOnly(Path path, String what) throws IOException {
        if (!isPosix(path)) {
            LOG.warn("{} {} is on a file system without POSIX permissions; make sure only this user can read it", what, path);
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new IllegalStateException(what + " " + path + " is accessible by group or others ("
                    + PosixFilePermissions.toString(permissions) + "); restrict it with: chmod "
                    + (Files.isDirectory(path) ? "700 " : "600 ") + path);
        }
    }

    /** Creates {@code dir} (and parents) if absent, itself with mode 0700; refuses an existing one open to others. */
    static void ensureDirectory(Path dir, String what) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.toAbsolutePath().getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createDirectory(dir);
            } catch (FileAlreadyExistsException createdMeanwhile) {
                LOG.debug("{} {} was created by another process", what, dir);
            }
        }
        checkOwnerOnly(dir, what);
    }

    /** Creates {@code path} with {@code content} and mode 0600; false (and nothing written) if it already exists. */
    static boolean createOnce(Path path, String content) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = isPosix(dir)
                ? Files.createTempFile(dir, ".authpipe-key", ".tmp", PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".authpipe-key", ".tmp");
        try {
            writeDurably(temp, content.getBytes(StandardCharsets.UTF_8));
            return publish(temp, path);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Overwrites {@code path} with zeros (fsynced), then deletes it. Best effort against the disk keeping old blocks. */
    static void shred(Path path) throws IOException {
        if (Files.exists(path)) {
            writeDurably(path, new byte[(int) Files.size(path)]);
            Files.delete(path);
        }
    }

    private static void writeDurably(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(content));
            channel.force(true);
        }
    }

    private static boolean publish(Path temp, Path path) throws IOException {
        try {
            try {
                Files.createLink(path, temp);
            } catch (UnsupportedOperationException noHardLinks) {
                Files.move(temp, path);
            }
            return true;
        } catch (FileAlreadyExistsException lostRace) {
            return false;
        }
    }

    private static boolean isPosix(Path path) throws IOException {
        return Files.getFileStore(path).supportsFileAttributeView("posix");
    }
}
