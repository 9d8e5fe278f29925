package io.authpipe.kafka.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds files that contain a byte sequence anywhere under a directory tree, for leak scans of broker log dirs and
 * Streams state dirs. Files are streamed, never loaded whole; files deleted while scanning are skipped.
 */
public final class DirectoryScanner {
    private static final int CHUNK = 1 << 20;

    private DirectoryScanner() {
    }

    /** Every regular file under {@code root} (recursively) whose bytes contain {@code needle}, in walk order. */
    public static List<Path> filesContaining(Path root, byte[] needle) {
        if (needle.length == 0) {
            throw new IllegalArgumentException("empty needle");
        }
        List<Path> hits = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                if (contains(file, needle)) {
                    hits.add(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + root, e);
        }
        return hits;
    }

    private static boolean contains(Path file, byte[] needle) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return contains(in, needle);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Reads chunks, keeping the last {@code needle.length - 1} bytes so a match across two chunks is found. */
    private static boolean contains(InputStream in, byte[] needle) throws IOException {
        byte[] buffer = new byte[CHUNK + needle.length - 1];
        int filled = 0;
        for (int read; (read = in.readNBytes(buffer, filled, CHUNK)) > 0; ) {
            filled += read;
            if (Bytes.indexOf(buffer, filled, needle) >= 0) {
                return true;
            }
            int keep = Math.min(filled, needle.length - 1);
            System.arraycopy(buffer, filled - keep, buffer, 0, keep);
            filled = keep;
        }
        return false;
    }
}
