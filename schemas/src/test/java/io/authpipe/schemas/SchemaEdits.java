package io.authpipe.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.apache.avro.Schema;

/** Builds other versions of a schema by editing its JSON, as a developer would edit the .avsc. */
public final class SchemaEdits {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaEdits() {
    }

    /** The schema with a top-level field removed. */
    public static Schema withoutField(Schema schema, String field) {
        return edit(schema, root -> {
            ArrayNode fields = (ArrayNode) root.get("fields");
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).path("name").asText().equals(field)) {
                    fields.remove(i);
                    return;
                }
            }
            throw new IllegalArgumentException("no field " + field);
        });
    }

    /** The schema with a top-level field appended, given as JSON. */
    public static Schema withField(Schema schema, String fieldJson) {
        return edit(schema, root -> ((ArrayNode) root.get("fields")).add(parse(fieldJson)));
    }

    /** The schema with a symbol appended to the named enum, wherever it is defined. */
    public static Schema withEnumSymbol(Schema schema, String enumName, String symbol) {
        return edit(schema, root -> root.findParents("symbols").stream()
                .filter(node -> node.path("name").asText().equals(enumName))
                .forEach(node -> ((ArrayNode) node.get("symbols")).add(symbol)));
    }

    /** The schema after an arbitrary edit of its JSON. */
    public static Schema edit(Schema schema, Consumer<ObjectNode> edit) {
        ObjectNode root = (ObjectNode) parse(schema.toString());
        edit.accept(root);
        return new Schema.Parser().parse(root.toString());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
