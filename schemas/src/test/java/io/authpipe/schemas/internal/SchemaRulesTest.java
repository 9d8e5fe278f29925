package io.authpipe.schemas.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.authpipe.events.ConnectReply;
import io.authpipe.events.CredentialUpdated;
import io.authpipe.schemas.SchemaEdits;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Proves that the build-time check catches what it is there to catch. */
class SchemaRulesTest {

    private static final Schema RELEASED = ConnectReply.getClassSchema();

    @Test
    void aNewRequiredFieldWithoutDefaultCannotReadReleasedData() {
        Schema changed = SchemaEdits.withField(RELEASED,
                "{\"name\":\"channel\",\"type\":\"string\",\"doc\":\"Where the reply goes.\"}");

        List<String> problems = SchemaRules.backwardIncompatibilities(changed, List.of(RELEASED));

        assertThat(problems).singleElement().asString()
                .contains("ConnectReply cannot read v1").contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("channel");
    }

    @Test
    void aChangedFieldTypeIsCaughtInAnyReleasedVersion() {
        Schema v2 = SchemaEdits.withField(RELEASED,
                "{\"name\":\"attempt\",\"type\":\"int\",\"default\":0,\"doc\":\"Attempt number.\"}");
        Schema changed = SchemaEdits.withField(RELEASED,
                "{\"name\":\"attempt\",\"type\":\"string\",\"default\":\"\",\"doc\":\"Attempt label.\"}");

        List<String> problems = SchemaRules.backwardIncompatibilities(changed, List.of(RELEASED, v2));

        assertThat(problems).singleElement().asString().contains("cannot read v2").contains("TYPE_MISMATCH");
    }

    @Test
    void anOptionalFieldWithADefaultAndANewEnumSymbolAreCompatible() {
        Schema changed = SchemaEdits.withEnumSymbol(SchemaEdits.withField(CredentialUpdated.getClassSchema(),
                "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"A note.\"}"),
                "ConnectionStatus", "PAUSED");

        assertThat(SchemaRules.backwardIncompatibilities(changed, List.of(CredentialUpdated.getClassSchema())))
                .isEmpty();
    }

    @Test
    void aFieldOrNestedTypeWithoutDocIsReported() {
        Schema undocumented = SchemaEdits.edit(RELEASED, root -> {
            ArrayNode fields = (ArrayNode) root.get("fields");
            fields.add(root.objectNode().put("name", "hint").put("type", "string"));
            ((ObjectNode) fields.get(1).get("type")).remove("doc");
        });

        assertThat(SchemaRules.missingDocs(undocumented)).containsExactlyInAnyOrder(
                "record io.authpipe.events.ConnectionRef has no doc",
                "field io.authpipe.events.ConnectReply.hint has no doc");
    }

    @Test
    void theCurrentSchemasAreFullyDocumented() {
        assertThat(SchemaRules.missingDocs(RELEASED)).isEmpty();
        assertThat(SchemaRules.missingDocs(CredentialUpdated.getClassSchema())).isEmpty();
    }
}
