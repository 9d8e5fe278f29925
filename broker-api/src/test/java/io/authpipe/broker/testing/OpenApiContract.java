package io.authpipe.broker.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenAPI document as a test oracle: an answer's status must be one the document lists for its operation, and
 * its body must validate (JSON Schema 2020-12, as OpenAPI 3.1 uses it) against the schema listed for that status.
 */
public final class OpenApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REF_PREFIX = "#/components/schemas/";

    private final JsonNode document;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    public OpenApiContract(JsonNode document) {
        this.document = document;
    }

    /** Asserts that {@code reply}, answered to {@code method} on {@code template}, is what the document says. */
    public void check(String method, String template, Api.Reply reply) {
        JsonNode operation = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        assertThat(operation.isMissingNode()).as("%s %s is documented", method, template).isFalse();
        JsonNode response = operation.path("responses").path(Integer.toString(reply.status()));
        assertThat(response.isMissingNode()).as("%s %s documents status %s (body %s)", method, template,
                reply.status(), reply.text()).isFalse();
        JsonNode schema = response.path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            assertThat(reply.text()).as("%s %s %s has no body", method, template, reply.status()).isEmpty();
            return;
        }
        assertValid(schema.path("$ref").asText(), reply.json(), method + " " + template + " " + reply.status());
    }

    /** Asserts that {@code value} validates against the component schema {@code name}. */
    public void checkComponent(String name, JsonNode value) {
        assertValid(REF_PREFIX + name, value, name);
    }

    private void assertValid(String ref, JsonNode value, String what) {
        assertThat(ref).as("%s refers to a component schema", what).startsWith(REF_PREFIX);
        List<Error> errors = schemas.computeIfAbsent(ref.substring(REF_PREFIX.length()), this::compile)
                .validate(value);
        assertThat(errors).as("%s: %s against %s", what, value, ref).isEmpty();
    }

    /** A schema of its own for one component: the document's components as {@code $defs}, refs pointed at them. */
    private Schema compile(String name) {
        String defs = document.path("components").path("schemas").toString()
                .replace("\"" + REF_PREFIX, "\"#/$defs/");
        try {
            ObjectNode root = JSON.createObjectNode()
                    .put("$schema", "https://json-schema.org/draft/2020-12/schema")
                    .put("$ref", "#/$defs/" + name);
            root.set("$defs", JSON.readTree(defs));
            return registry.getSchema(root.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
