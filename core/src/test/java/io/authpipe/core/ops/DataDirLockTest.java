package io.authpipe.core.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One process per data directory; the holder is named; nothing a dead process left behind blocks a restart. */
class DataDirLockTest {
    static final Instant T0 = Instant.parse("2026-11-26T20:31:07.412Z");
    static final Clock CLOCK = Clock.fixed(T0.plusNanos(345_678), ZoneOffset.UTC);
    static final long PID = ProcessHandle.current().pid();

    @Test
    void theHolderWritesItsPidProcessAndStartToTheMillisecondIntoTheLockFile(@TempDir Path dir) throws IOException {
        // When
        try (DataDirLock lock = acquired(DataDirLock.acquire(dir, "launcher", CLOCK))) {

            // Then
            assertThat(lock.file()).isEqualTo(dir.toRealPath().resolve("authpipe.lock"));
            assertThat(Files.readString(lock.file()))
                    .isEqualTo("pid=" + PID + "\nprocess=launcher\nstarted=2026-11-26T20:31:07.412Z\n");
        }
    }

    @Test
    void aSecondAttemptOnAHeldDirectoryIsRefusedNamingTheHolderAndChangesNothing(@TempDir Path dir)
            throws IOException {
        // Given
        try (DataDirLock lock = acquired(DataDirLock.acquire(dir, "launcher", CLOCK))) {
            String content = Files.readString(lock.file());

            // When
            DataDirLock.Attempt second = DataDirLock.acquire(dir, "broker-api", Clock.systemUTC());

            // Then
            assertThat(second).isInstanceOf(DataDirLock.InUse.class);
            DataDirLock.InUse inUse = (DataDirLock.InUse) second;
            assertThat(inUse.holder()).isEqualTo(new LockHolder(Optional.of(PID), Optional.of("launcher"),
                    Optional.of(T0)));
            assertThat(inUse.message()).isEqualTo(dir + " is in use by another Authpipe process (pid " + PID
                    + ", launcher, started 2026-11-26T20:31:07.412Z); stop it first, or give this one another"
                    + " directory");
            assertThat(Files.readString(lock.file())).isEqualTo(content);
        }
    }

    @Test
    void aReleasedDirectoryCanBeLockedAgain(@TempDir Path dir) {
        // Given
        acquired(DataDirLock.acquire(dir, "launcher", CLOCK)).close();

        // When / Then
        try (DataDirLock again = acquired(DataDirLock.acquire(dir, "launcher", CLOCK))) {
            assertThat(again.holder().pid()).contains(PID);
        }
    }

    @Test
    void aLockFileLeftBehindByAnotherProcessDoesNotBlock(@TempDir Path dir) throws IOException {
        // Given the file a process killed with -9 leaves (the OS dropped its lock), longer than ours
        Files.writeString(dir.resolve("authpipe.lock"),
                "pid=999999999\nprocess=health-worker\nstarted=2020-01-01T00:00:00Z\nextra=" + "x".repeat(200));

        // When
        try (DataDirLock lock = acquired(DataDirLock.acquire(dir, "launcher", CLOCK))) {

            // Then
            assertThat(LockHolder.parse(Files.readAllBytes(lock.file())))
                    .isEqualTo(new LockHolder(Optional.of(PID), Optional.of("launcher"), Optional.of(T0)));
        }
    }

    @Test
    void aMissingDirectoryIsCreated(@TempDir Path parent) {
        Path dir = parent.resolve("a/b");
        try (DataDirLock lock = acquired(DataDirLock.acquire(dir, "launcher", CLOCK))) {
            assertThat(lock.file()).exists();
        }
    }

    @Test
    void aLockFileNotYetWrittenOrGarbledNamesAnUnknownHolder() {
        LockHolder unknown = LockHolder.parse("pid=12ab\nstarted=yesterday\nprocess=$(rm -rf)\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(unknown).isEqualTo(new LockHolder(Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(LockHolder.parse(new byte[0]).describe()).isEqualTo("pid unknown");
    }

    static DataDirLock acquired(DataDirLock.Attempt attempt) {
        assertThat(attempt).isInstanceOf(DataDirLock.Acquired.class);
        return ((DataDirLock.Acquired) attempt).lock();
    }
}
