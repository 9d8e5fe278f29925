package io.authpipe.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Heap, resident memory and bytes on disk, as the scale report measures them. */
final class MemoryProbe {
    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private MemoryProbe() {
    }

    /** Heap in use after two full collections ({@code System.gc()}: a full GC with G1): the live objects. */
    static long heapUsedAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * The process's resident set ({@code VmRSS}), empty off Linux. Heap pages count once touched, and G1 may give
     * pages back after a full GC, so a difference means native memory (RocksDB, thread stacks, direct buffers) only
     * when the heap is committed and touched from the start ({@code -Xms} = {@code -Xmx},
     * {@code -XX:+AlwaysPreTouch}).
     */
    static OptionalLong residentBytes() {
        if (!Files.isReadable(PROC_STATUS)) {
            return OptionalLong.empty();
        }
        try {
            List<String> lines = Files.readAllLines(PROC_STATUS);
            return lines.stream().filter(line -> line.startsWith("VmRSS:")).findFirst()
                    .map(line -> OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024))
                    .orElse(OptionalLong.empty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code later - earlier}, if both are known. */
    static OptionalLong growth(OptionalLong earlier, OptionalLong later) {
        return earlier.isPresent() && later.isPresent() ? OptionalLong.of(later.getAsLong() - earlier.getAsLong())
                : OptionalLong.empty();
    }

    /** The sizes of the regular files under {@code root}, in bytes (0 if it does not exist). */
    static long bytesUnder(Path root) {
        return bytesUnder(root, path -> true);
    }

    /** The sizes of the regular files under {@code root} whose path matches {@code include}. */
    static long bytesUnder(Path root, Predicate<Path> include) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).filter(include).mapToLong(MemoryProbe::size).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // deleted while walking (a compaction replaced it)
        }
    }
}
