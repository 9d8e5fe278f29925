package io.authpipe.schemas.tools;

import io.authpipe.topics.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaFormatter;

/**
 * The standalone value schemas of the public topics, for teams that produce or consume them: one fully expanded
 * {@code .avsc} per topic ({@code docs/topics/schemas/<topic>-value.avsc}, named like its registry subject), which
 * any Avro tool or registry client accepts as it is (no references to other files). Written by
 * {@link SnapshotSchemas}'s run; the build fails when one is stale.
 */
public final class PublishedSchemas {

    /** The repository-relative folder of the published schemas. */
    public static final String FOLDER = "docs/topics/schemas";

    private PublishedSchemas() {
    }

    /** The file a public topic's value schema is published in, under {@code folder}. */
    public static Path file(Path folder, Topics.Definition topic) {
        return folder.resolve(topic.valueSubject() + ".avsc");
    }

    /** The text published for a schema: pretty-printed, fully expanded. */
    public static String render(Schema schema) {
        return SchemaFormatter.format("json/pretty", schema) + "\n";
    }

    /**
     * Writes every public topic's value schema.
     *
     * @param folder where ({@link #FOLDER} of the repository)
     * @return the files written
     * @throws IOException when a file cannot be written
     */
    public static List<Path> write(Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        for (Topics.Definition topic : Topics.publicTopics()) {
            if (topic.valueSchema().isPresent()) {
                Path file = file(folder, topic);
                Files.writeString(file, render(topic.valueSchema().get()), StandardCharsets.UTF_8);
                written.add(file);
            }
        }
        return written;
    }
}
