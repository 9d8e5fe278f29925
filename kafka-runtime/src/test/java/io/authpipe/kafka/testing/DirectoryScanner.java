package io.authpipe.kafka.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds files that contain byte sequences anywhere under a directory tree, for leak scans of broker log dirs and
 * Streams state dirs. Each file is streamed once, never loaded whole, whatever the number of needles; files deleted
 * while scanning are skipped.
 */
public final class DirectoryScanner {
    private static final int CHUNK = 1 << 20;

    private DirectoryScanner() {
    }

    /** Every regular file under {@code root} (recursively) whose bytes contain {@code needle}, in walk order. */
    public static List<Path> filesContaining(Path root, byte[] needle) {
        return List.copyOf(filesContaining(root, new Needles(List.of(needle))).keySet());
    }

    /** Every regular file under {@code root} holding one of the needles, with the indexes of those it holds. */
    public static Map<Path, Set<Integer>> filesContaining(Path root, Needles needles) {
        Map<Path, Set<Integer>> hits = new LinkedHashMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                Set<Integer> found = find(file, needles);
                if (!found.isEmpty()) {
                    hits.put(file, found);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + root, e);
        }
        return hits;
    }

    private static Set<Integer> find(Path file, Needles needles) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return find(in, needles);
        } catch (NoSuchFileException e) {
            return Set.of();
        }
    }

    /** Reads chunks, keeping the last {@code longest - 1} bytes so a match across two chunks is found. */
    private static Set<Integer> find(InputStream in, Needles needles) throws IOException {
        Set<Integer> found = new HashSet<>();
        int overlap = needles.longest() - 1;
        byte[] buffer = new byte[CHUNK + overlap];
        int filled = 0;
        for (int read; (read = in.readNBytes(buffer, filled, CHUNK)) > 0; ) {
            filled += read;
            needles.findIn(buffer, filled, found);
            int keep = Math.min(filled, overlap);
            System.arraycopy(buffer, filled - keep, buffer, 0, keep);
            filled = keep;
        }
        return found;
    }
}
