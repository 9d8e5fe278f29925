package io.authpipe.kafka.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a secret must never be: every record of every topic of a cluster (changelogs included), every file under
 * some directories (state, broker data), and texts such as a log or a metrics scrape. Build it, then
 * {@link #assertNoneOf} the plaintexts a test saw.
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

    /** Asserts that no secret appears in any record, file or text. */
    public void assertNoneOf(Collection<String> secrets) {
        for (String secret : secrets) {
            byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
            topics.forEach((topic, records) -> assertThat(records).as("records of topic %s", topic)
                    .noneMatch(bytes -> Bytes.contains(bytes, needle)));
            directories.forEach(dir -> assertThat(DirectoryScanner.filesContaining(dir, needle))
                    .as("files under %s", dir).isEmpty());
            texts.forEach((name, text) -> assertThat(text).as(name).doesNotContain(secret));
        }
    }
}
