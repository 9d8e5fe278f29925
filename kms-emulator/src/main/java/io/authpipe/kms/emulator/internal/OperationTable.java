package io.authpipe.kms.emulator.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/** The operations the emulator knows, by name ({@code GenerateDataKey} for {@code TrentService.GenerateDataKey}). */
final class OperationTable {

    private final Map<String, Operation> operations = new TreeMap<>();

    OperationTable add(String name, Operation operation) {
        if (operations.putIfAbsent(name, operation) != null) {
            throw new IllegalArgumentException("operation registered twice: " + name);
        }
        return this;
    }

    /**
     * Runs an operation on a raw request body.
     *
     * @throws ServiceError UnknownOperationException for a name not in the table, or the operation's error
     */
    ObjectNode dispatch(String name, byte[] body) {
        Operation operation = operations.get(name);
        if (operation == null) {
            throw ServiceError.unknownOperation(name);
        }
        return operation.handle(JsonRequest.parse(body));
    }
}
