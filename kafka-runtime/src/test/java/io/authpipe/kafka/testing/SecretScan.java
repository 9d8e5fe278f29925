package io.authpipe.kafka.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a secret must never be: every record of every topic of a cluster (changelogs included), every file under
 * some directories (state, broker data), and texts such as a log or a metrics scrape. Build it, then
 * {@link #assertNoneOf} the plaintexts a test saw: every byte is read once, for all of them together.
 */
public final class SecretScan {
    private final Map<String, List<byte[]>> topics;
    private final List<Path> directories = new ArrayList<>();
    private final Map<String, String> texts = new LinkedHashMap<>();

    private SecretScan(Map<String, List<byte[]>> topics) {
        this.topics = topics;
    }

    /** Reads every record of every topic of the cluster at {@code bootstrap}. */
    public static SecretScan ofCluster(String bootstrap, Duration timeout) {
        return new SecretScan(TopicScanner.recordBytesByTopic(bootstrap, timeout));
    }

    public SecretScan directory(Path directory) {
        directories.add(directory);
        return this;
    }

    public SecretScan text(String name, String text) {
        texts.put(name, text);
        return this;
    }

    /** The topics read. */
    public Set<String> topics() {
        return topics.keySet();
    }

    /**
     * Asserts that no secret appears in any record, file or text; a failure names each place and the positions of
     * the secrets found there in {@code secrets}, never a secret itself.
     */
    public void assertNoneOf(Collection<String> secrets) {
        Needles needles = new Needles(secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList());
        Map<String, Set<Integer>> leaks = new LinkedHashMap<>();
        topics.forEach((topic, records) -> {
            Set<Integer> found = new HashSet<>();
            records.forEach(bytes -> needles.findIn(bytes, bytes.length, found));
            addIfAny(leaks, "records of topic " + topic, found);
        });
        directories.forEach(dir -> DirectoryScanner.filesContaining(dir, needles)
                .forEach((file, found) -> addIfAny(leaks, "file " + file, found)));
        texts.forEach((name, text) -> {
            Set<Integer> found = new HashSet<>();
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            needles.findIn(bytes, bytes.length, found);
            addIfAny(leaks, name, found);
        });
        assertThat(leaks).as("places holding secrets (by their position among the %d looked for)", secrets.size())
                .isEmpty();
    }

    private static void addIfAny(Map<String, Set<Integer>> leaks, String place, Set<Integer> found) {
        if (!found.isEmpty()) {
            leaks.put(place, found);
        }
    }
}
