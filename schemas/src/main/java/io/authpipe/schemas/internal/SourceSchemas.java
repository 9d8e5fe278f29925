package io.authpipe.schemas.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * The topic value schemas of the build: every {@code .avsc} directly in {@code src/main/avro} (shared types live
 * in {@code src/main/avro/common}), as the fully expanded schema of its generated class. A file must be named
 * after the record it defines.
 */
public final class SourceSchemas {

    /** The module-relative folder of the topic value schemas. */
    public static final String AVRO_SOURCES = "src/main/avro";
    /** The module-relative folder of the released snapshots. */
    public static final String AVRO_HISTORY = "src/main/" + SchemaHistory.FOLDER;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SourceSchemas() {
    }

    /**
     * Finds the topic value schemas of a module.
     *
     * @param moduleDir the {@code schemas} module folder
     * @return simple record name to current schema, sorted by name
     * @throws IOException when the sources cannot be read
     * @throws IllegalStateException when a file does not match a generated class
     */
    public static SortedMap<String, Schema> topicValueSchemas(Path moduleDir) throws IOException {
        SortedMap<String, Schema> schemas = new TreeMap<>();
        try (Stream<Path> files = Files.list(moduleDir.resolve(AVRO_SOURCES))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".avsc")).toList()) {
                Schema schema = generatedSchema(JSON.readTree(file.toFile()));
                String expected = file.getFileName().toString().replace(".avsc", "");
                if (!schema.getName().equals(expected)) {
                    throw new IllegalStateException(file + " defines " + schema.getName() + ", not " + expected);
                }
                schemas.put(schema.getName(), schema);
            }
        }
        return schemas;
    }

    private static Schema generatedSchema(JsonNode source) {
        String name = source.path("name").asText();
        String namespace = source.path("namespace").asText("");
        String fullName = name.contains(".") || namespace.isEmpty() ? name : namespace + "." + name;
        try {
            Class<?> type = Class.forName(fullName, false, SourceSchemas.class.getClassLoader());
            return SpecificData.getForClass(type).getSchema(type);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no generated class " + fullName + "; run the build first", e);
        }
    }
}
