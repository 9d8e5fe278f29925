package io.authpipe.schemas.tools;

import io.authpipe.schemas.internal.SchemaHistory;
import io.authpipe.schemas.internal.SchemaRules;
import io.authpipe.schemas.internal.SourceSchemas;
import io.authpipe.topics.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaFormatter;

/**
 * Snapshots the topic value schemas that changed since their last released version: writes
 * {@code src/main/avro-history/<RecordName>/v<N+1>.avsc} (the fully expanded schema, pretty-printed) for every
 * record whose current schema differs from {@code v<N>} (docs aside), and {@code v1} for a new record.
 * Refuses, writing nothing, if any changed schema cannot read a released version, a released version of a public
 * topic's schema cannot read the changed one, or a schema lacks a doc.
 *
 * <p>It also (re)writes the public topics' standalone schemas ({@link PublishedSchemas}).
 *
 * <p>Run it before releasing a schema change: {@code mvn -B -q -pl schemas compile exec:java}
 * (the module's pom passes the module folder as the only argument).
 */
public final class SnapshotSchemas {

    /** What a run did: the snapshot files written and, if it refused, why. */
    public record Result(List<Path> written, List<String> problems) {
    }

    /** The value records of public topics, which must also stay forward compatible (FULL_TRANSITIVE). */
    private static final Set<String> PUBLIC_RECORDS = Topics.publicTopics().stream()
            .flatMap(topic -> topic.valueSchema().stream()).map(Schema::getName).collect(Collectors.toSet());

    private SnapshotSchemas() {
    }

    /**
     * Command line entry point.
     *
     * @param args the {@code schemas} module folder (default: the working directory)
     * @throws IOException when files cannot be read or written
     * @throws IllegalStateException when a changed schema breaks the rules (nothing was written)
     */
    public static void main(String[] args) throws IOException {
        Result result = snapshot(Path.of(args.length > 0 ? args[0] : "."));
        if (!result.problems().isEmpty()) {
            throw new IllegalStateException("no snapshot written:\n  " + String.join("\n  ", result.problems()));
        }
        result.written().forEach(file -> System.out.println("wrote " + file));
        if (result.written().isEmpty()) {
            System.out.println("every topic value schema matches its latest snapshot");
        }
        Path module = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        PublishedSchemas.write(module.getParent().resolve(PublishedSchemas.FOLDER))
                .forEach(file -> System.out.println("published " + file));
    }

    /**
     * Snapshots the changed schemas of a module.
     *
     * @param moduleDir the {@code schemas} module folder
     * @return the files written, or the problems that stopped any being written
     * @throws IOException when files cannot be read or written
     */
    public static Result snapshot(Path moduleDir) throws IOException {
        Path historyRoot = moduleDir.resolve(SourceSchemas.AVRO_HISTORY);
        List<Path> pending = new ArrayList<>();
        List<Schema> contents = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Schema> entry : SourceSchemas.topicValueSchemas(moduleDir).entrySet()) {
            List<Schema> history = SchemaHistory.fromDirectory(historyRoot, entry.getKey());
            Schema current = entry.getValue();
            if (!history.isEmpty() && history.get(history.size() - 1).equals(current)) {
                continue;
            }
            problems.addAll(SchemaRules.backwardIncompatibilities(current, history));
            if (PUBLIC_RECORDS.contains(entry.getKey())) {
                problems.addAll(SchemaRules.forwardIncompatibilities(current, history));
            }
            problems.addAll(SchemaRules.missingDocs(current));
            pending.add(SchemaHistory.file(historyRoot, entry.getKey(), history.size() + 1));
            contents.add(current);
        }
        if (!problems.isEmpty()) {
            return new Result(List.of(), problems);
        }
        for (int i = 0; i < pending.size(); i++) {
            Files.createDirectories(pending.get(i).getParent());
            String json = SchemaFormatter.format("json/pretty", contents.get(i)) + "\n";
            Files.writeString(pending.get(i), json, StandardCharsets.UTF_8);
        }
        return new Result(List.copyOf(pending), List.of());
    }
}
