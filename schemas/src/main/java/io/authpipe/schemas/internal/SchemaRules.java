package io.authpipe.schemas.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * The rules every topic value schema must keep, reported as lists of problems (empty means the rule holds):
 * the current schema reads data written with every released version (backward compatibility), and every record,
 * field, enum and fixed carries a {@code doc}.
 */
public final class SchemaRules {

    private SchemaRules() {
    }

    /**
     * Why {@code current} cannot read data written with each historical version, per Avro's resolution rules
     * ({@link SchemaCompatibility#checkReaderWriterCompatibility}).
     *
     * @param current the schema readers use now
     * @param history released versions, oldest first (v1, v2, ...)
     * @return one line per incompatibility, naming the version, the kind and the location
     */
    public static List<String> backwardIncompatibilities(Schema current, List<Schema> history) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            var result = SchemaCompatibility.checkReaderWriterCompatibility(current, history.get(i)).getResult();
            for (Incompatibility incompatibility : result.getIncompatibilities()) {
                problems.add(current.getName() + " cannot read v" + (i + 1) + ": " + incompatibility.getType()
                        + " at " + incompatibility.getLocation() + " (" + incompatibility.getMessage() + ")");
            }
        }
        return problems;
    }

    /**
     * Why each historical version cannot read data written with {@code current}: what a reader that has not
     * upgraded meets (forward compatibility, required of public topics).
     *
     * @param current the schema writers use now
     * @param history released versions, oldest first (v1, v2, ...)
     * @return one line per incompatibility, naming the version, the kind and the location
     */
    public static List<String> forwardIncompatibilities(Schema current, List<Schema> history) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            var result = SchemaCompatibility.checkReaderWriterCompatibility(history.get(i), current).getResult();
            for (Incompatibility incompatibility : result.getIncompatibilities()) {
                problems.add(current.getName() + " v" + (i + 1) + " cannot read the current schema: "
                        + incompatibility.getType() + " at " + incompatibility.getLocation() + " ("
                        + incompatibility.getMessage() + ")");
            }
        }
        return problems;
    }

    /**
     * The named types and fields, reachable from {@code schema}, that have no (or a blank) {@code doc}.
     *
     * @param schema a topic value schema
     * @return one line per missing doc
     */
    public static List<String> missingDocs(Schema schema) {
        List<String> problems = new ArrayList<>();
        collectMissingDocs(schema, new HashSet<>(), problems);
        return problems;
    }

    private static void collectMissingDocs(Schema schema, Set<String> seen, List<String> problems) {
        switch (schema.getType()) {
            case RECORD -> {
                if (checkNamed(schema, seen, problems)) {
                    for (Schema.Field field : schema.getFields()) {
                        if (isBlank(field.doc())) {
                            problems.add("field " + schema.getFullName() + "." + field.name() + " has no doc");
                        }
                        collectMissingDocs(field.schema(), seen, problems);
                    }
                }
            }
            case ENUM, FIXED -> checkNamed(schema, seen, problems);
            case ARRAY -> collectMissingDocs(schema.getElementType(), seen, problems);
            case MAP -> collectMissingDocs(schema.getValueType(), seen, problems);
            case UNION -> schema.getTypes().forEach(branch -> collectMissingDocs(branch, seen, problems));
            default -> {
                // primitives carry no doc
            }
        }
    }

    /** Reports a missing doc of a named type; false if the type was already visited. */
    private static boolean checkNamed(Schema schema, Set<String> seen, List<String> problems) {
        if (!seen.add(schema.getFullName())) {
            return false;
        }
        if (isBlank(schema.getDoc())) {
            problems.add(schema.getType().getName() + " " + schema.getFullName() + " has no doc");
        }
        return true;
    }

    private static boolean isBlank(String doc) {
        return doc == null || doc.isBlank();
    }
}
