package io.authpipe.core.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One process per data directory: an OS file lock ({@link FileChannel#tryLock()}, {@code fcntl} on Linux) on
 * {@code <directory>/authpipe.lock}, taken before anything else touches the directory and held until the process
 * ends.
 *
 * <p>The kernel drops the lock when its process ends, however it ends ({@code kill -9} included), so the lock file a
 * crashed process leaves behind never blocks a restart; the file is never deleted (deleting it would let two
 * processes lock two different files of the same name). The holder writes its {@link LockHolder} into the file so
 * that a refused start can name it. A refused attempt only opens the file to read it: it changes nothing.
 *
 * <p>Within one JVM, a second attempt on a held directory is refused too (without opening the file: closing any
 * descriptor of a locked file would drop this process's lock on it). Thread-safe.
 */
public final class DataDirLock implements AutoCloseable {
    /** The lock file's name inside the locked directory. */
    public static final String FILE_NAME = "authpipe.lock";

    private static final Map<Path, LockHolder> HELD_HERE = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final LockHolder holder;

    private DataDirLock(Path file, FileChannel channel, LockHolder holder) {
        this.file = file;
        this.channel = channel;
        this.holder = holder;
    }

    /** What a {@link #acquire} attempt found. */
    public sealed interface Attempt permits Acquired, InUse {
    }

    /** The directory is this process's until {@link DataDirLock#close()} or exit. */
    public record Acquired(DataDirLock lock) implements Attempt {
    }

    /** Another process (or another part of this one) holds {@code directory}. */
    public record InUse(Path directory, LockHolder holder) implements Attempt {
        /** For the operator: which directory, and who holds it. */
        public String message() {
            return directory + " is in use by another Authpipe process (" + holder.describe()
                    + "); stop it first, or give this one another directory";
        }
    }

    /**
     * Locks {@code directory} (created if missing) for {@code process} ({@code launcher}, {@code broker-api}, ...).
     *
     * @throws UncheckedIOException if the directory or its lock file cannot be created or opened
     */
    public static Attempt acquire(Path directory, String process, Clock clock) {
        Path file = lockFile(directory);
        LockHolder me = LockHolder.current(process, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        LockHolder inThisJvm = HELD_HERE.putIfAbsent(file, me);
        if (inThisJvm != null) {
            return new InUse(directory, inThisJvm);
        }
        try {
            Attempt attempt = lock(directory, file, me);
            if (attempt instanceof InUse) {
                HELD_HERE.remove(file);
            }
            return attempt;
        } catch (IOException e) {
            HELD_HERE.remove(file);
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    private static Attempt lock(Path directory, Path file, LockHolder me) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                LockHolder other = LockHolder.parse(readAll(channel));
                channel.close();
                return new InUse(directory, other);
            }
            channel.truncate(0).write(ByteBuffer.wrap(me.render()), 0);
            channel.force(true);
            return new Acquired(new DataDirLock(file, channel, me));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static Path lockFile(Path directory) {
        try {
            return Files.createDirectories(directory).toRealPath().resolve(FILE_NAME);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    private static byte[] readAll(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
        channel.read(buffer, 0);
        return java.util.Arrays.copyOf(buffer.array(), buffer.position());
    }

    /** The lock file ({@code <directory>/authpipe.lock}, the directory's real path). */
    public Path file() {
        return file;
    }

    /** What this lock's file says about this process. */
    public LockHolder holder() {
        return holder;
    }

    /** Releases the lock (the file stays); idempotent. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release " + file, e);
        } finally {
            HELD_HERE.remove(file, holder);
        }
    }

    @Override
    public String toString() {
        return "DataDirLock[" + file + "]";
    }
}
