package io.authpipe.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.schemas.internal.SchemaHistory;
import io.authpipe.schemas.internal.SchemaRules;
import io.authpipe.schemas.internal.SourceSchemas;
import io.authpipe.schemas.tools.PublishedSchemas;
import io.authpipe.topics.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The build-time schema check. Fails when a topic value schema can no longer read data written with a released
 * version, when a topic value schema has no released snapshot (run {@code SnapshotSchemas}, see README.md), or when
 * a record, field or enum lacks a doc.
 */
class SchemaBackwardCompatibilityTest {

    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    private static final Path HISTORY = MODULE.resolve(SourceSchemas.AVRO_HISTORY);
    private static SortedMap<String, Schema> current;

    @BeforeAll
    static void readCurrentSchemas() throws Exception {
        current = SourceSchemas.topicValueSchemas(MODULE);
    }

    @Test
    void everyTopicValueRecordIsChecked() {
        assertThat(current.keySet()).contains("ConnectRequest", "ConnectReply", "ConnectionEvent",
                "StoredCredential", "CredentialUpdated", "Revocation", "ExpiryTimer", "PendingAuthorization",
                "AppRegistration", "Tenant", "TenantSecret");
    }

    @Test
    void everyTopicValueSchemaHasAReleasedSnapshot() {
        assertThat(current.keySet()).allSatisfy(name -> assertThat(SchemaHistory.fromDirectory(HISTORY, name))
                .as("%s has no snapshot in %s; run SnapshotSchemas (see schemas/README.md)", name, HISTORY)
                .isNotEmpty());
    }

    @Test
    void everyCurrentSchemaReadsDataWrittenWithEveryReleasedVersion() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Schema> entry : current.entrySet()) {
            problems.addAll(SchemaRules.backwardIncompatibilities(entry.getValue(),
                    SchemaHistory.fromDirectory(HISTORY, entry.getKey())));
        }

        assertThat(problems).as("backward-incompatible schema changes").isEmpty();
    }

    @Test
    void everyReleasedVersionOfAPublicTopicReadsDataWrittenWithTheCurrentSchema() {
        List<String> problems = new ArrayList<>();
        for (Topics.Definition topic : Topics.publicTopics()) {
            topic.valueSchema().ifPresent(schema -> problems.addAll(SchemaRules.forwardIncompatibilities(schema,
                    SchemaHistory.fromDirectory(HISTORY, schema.getName()))));
        }

        assertThat(problems).as("public topics are FULL_TRANSITIVE at the registry: forward-incompatible changes")
                .isEmpty();
    }

    @Test
    void thePublishedStandaloneSchemasAreTheCurrentOnes() throws Exception {
        Path folder = MODULE.toAbsolutePath().getParent().resolve(PublishedSchemas.FOLDER);

        assertThat(Topics.publicTopics()).filteredOn(topic -> topic.valueSchema().isPresent())
                .allSatisfy(topic -> assertThat(PublishedSchemas.file(folder, topic))
                        .as("%s is stale; run SnapshotSchemas (see schemas/README.md)", topic.valueSubject())
                        .hasContent(PublishedSchemas.render(topic.valueSchema().get())));
    }

    @Test
    void everyRecordFieldAndEnumHasADoc() {
        List<String> problems = new ArrayList<>();
        current.values().forEach(schema -> problems.addAll(SchemaRules.missingDocs(schema)));

        assertThat(problems).as("missing docs").isEmpty();
    }

    @Test
    void theSnapshotsPackagedInTheJarAreTheSourceSnapshots() {
        ClassLoader loader = getClass().getClassLoader();

        assertThat(current.keySet()).allSatisfy(name -> assertThat(SchemaHistory.fromClasspath(name, loader))
                .isEqualTo(SchemaHistory.fromDirectory(HISTORY, name)));
    }
}
