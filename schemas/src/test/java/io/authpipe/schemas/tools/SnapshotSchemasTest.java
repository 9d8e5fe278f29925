package io.authpipe.schemas.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.events.ConnectReply;
import io.authpipe.events.Revocation;
import io.authpipe.schemas.SchemaEdits;
import io.authpipe.schemas.internal.SchemaHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.SchemaFormatter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotSchemasTest {

    private static final Path SOURCES = Path.of(System.getProperty("basedir", "."), "src/main/avro");

    @TempDir
    Path module;
    private Path history;

    @BeforeEach
    void copyTwoSchemaSources() throws Exception {
        Files.createDirectories(module.resolve("src/main/avro/common"));
        Files.copy(SOURCES.resolve("ConnectReply.avsc"), module.resolve("src/main/avro/ConnectReply.avsc"));
        Files.copy(SOURCES.resolve("Revocation.avsc"), module.resolve("src/main/avro/Revocation.avsc"));
        history = module.resolve("src/main/avro-history");
    }

    @Test
    void aNewSchemaGetsAFirstSelfContainedSnapshot() throws Exception {
        SnapshotSchemas.Result result = SnapshotSchemas.snapshot(module);

        assertThat(result.problems()).isEmpty();
        assertThat(result.written()).containsExactly(history.resolve("ConnectReply/v1.avsc"),
                history.resolve("Revocation/v1.avsc"));
        assertThat(Files.readString(history.resolve("Revocation/v1.avsc")))
                .isEqualTo(SchemaFormatter.format("json/pretty", Revocation.getClassSchema()) + "\n");
    }

    @Test
    void anUnchangedSchemaGetsNoNewSnapshot() throws Exception {
        SnapshotSchemas.snapshot(module);

        assertThat(SnapshotSchemas.snapshot(module).written()).isEmpty();
    }

    @Test
    void aCompatiblyChangedSchemaGetsTheNextVersion() throws Exception {
        write(1, SchemaEdits.withoutField(ConnectReply.getClassSchema(), "errorMessage"));

        SnapshotSchemas.Result result = SnapshotSchemas.snapshot(module);

        assertThat(result.written()).contains(history.resolve("ConnectReply/v2.avsc"));
        assertThat(SchemaHistory.fromDirectory(history, "ConnectReply")).hasSize(2)
                .last().isEqualTo(ConnectReply.getClassSchema());
    }

    @Test
    void anIncompatiblyChangedSchemaIsRefusedAndNothingIsWritten() throws Exception {
        write(1, SchemaEdits.edit(ConnectReply.getClassSchema(), root -> root.withArray("fields").forEach(field -> {
            if (field.path("name").asText().equals("errorCode")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) field).put("type", "int").remove("default");
            }
        })));

        SnapshotSchemas.Result result = SnapshotSchemas.snapshot(module);

        assertThat(result.written()).isEmpty();
        // a public topic's schema must also stay readable by its released versions (FULL_TRANSITIVE)
        assertThat(result.problems()).anySatisfy(problem -> assertThat(problem).contains("ConnectReply cannot read v1"))
                .anySatisfy(problem -> assertThat(problem).contains("ConnectReply v1 cannot read the current schema"));
        assertThat(history.resolve("Revocation/v1.avsc")).doesNotExist();
    }

    private void write(int version, Schema schema) throws Exception {
        Path file = SchemaHistory.file(history, schema.getName(), version);
        Files.createDirectories(file.getParent());
        Files.writeString(file, SchemaFormatter.format("json/pretty", schema));
    }
}
