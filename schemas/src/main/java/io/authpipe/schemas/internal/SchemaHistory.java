package io.authpipe.schemas.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The released versions of a topic value schema: self-contained snapshots at
 * {@code src/main/avro-history/<RecordName>/v1.avsc, v2.avsc, ...}, packaged in the jar under
 * {@code avro-history/}. Versions are numbered from 1 without gaps; each file parses on its own.
 */
public final class SchemaHistory {

    /** Classpath folder (and source folder name) of the snapshots. */
    public static final String FOLDER = "avro-history";

    private SchemaHistory() {
    }

    /**
     * The snapshots of a record packaged on the classpath, oldest first.
     *
     * @param recordName simple record name, e.g. {@code Revocation}
     * @param loader where to look
     * @return the versions, empty if none
     */
    public static List<Schema> fromClasspath(String recordName, ClassLoader loader) {
        List<Schema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            try (InputStream in = loader.getResourceAsStream(FOLDER + "/" + fileName(recordName, version))) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schema snapshot of " + recordName, e);
            }
        }
    }

    /**
     * The snapshots of a record in a source folder, oldest first.
     *
     * @param historyRoot the {@code avro-history} folder
     * @param recordName simple record name
     * @return the versions, empty if none
     */
    public static List<Schema> fromDirectory(Path historyRoot, String recordName) {
        List<Schema> versions = new ArrayList<>();
        for (int version = 1; Files.exists(file(historyRoot, recordName, version)); version++) {
            try {
                versions.add(new Schema.Parser().parse(file(historyRoot, recordName, version).toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schema snapshot of " + recordName, e);
            }
        }
        return versions;
    }

    /**
     * Where version {@code version} of a record's snapshot lives.
     *
     * @param historyRoot the {@code avro-history} folder
     * @param recordName simple record name
     * @param version 1-based version number
     * @return {@code historyRoot/<recordName>/v<version>.avsc}
     */
    public static Path file(Path historyRoot, String recordName, int version) {
        return historyRoot.resolve(fileName(recordName, version));
    }

    private static String fileName(String recordName, int version) {
        return recordName + "/v" + version + ".avsc";
    }
}
