package io.authpipe.kms.emulator.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge: AWS JSON 1.1 over {@code POST /}, dispatched on {@code X-Amz-Target: TrentService.<Op>}.
 * Every request is recorded first; then an injected fault wins; then the SigV4 {@code Authorization} header
 * must name the {@code /kms/aws4_request} scope (it is not verified); then the operation runs. Logs name
 * operations and statuses only, never bodies.
 */
final class KmsHttpHandler implements HttpHandler {

    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String TARGET_PREFIX = "TrentService.";
    private static final Logger LOG = LoggerFactory.getLogger(KmsHttpHandler.class);

    private final OperationTable operations;
    private final CallLog calls;
    private final Supplier<Fault> fault;

    KmsHttpHandler(OperationTable operations, CallLog calls, Supplier<Fault> fault) {
        this.operations = operations;
        this.calls = calls;
        this.fault = fault;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String operation = operation(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            calls.record(operation, body);
            Fault current = fault.get();
            if (current == Fault.DROP) {
                LOG.debug("kms emulator dropped connection operation={}", operation);
                return; // closing an exchange that sent no headers closes the connection
            }
            Reply reply = current == Fault.NONE ? answer(exchange, operation, body) : Reply.of(current);
            send(exchange, reply);
            LOG.debug("kms emulator answered operation={} status={}", operation, reply.status());
        }
    }

    private Reply answer(HttpExchange exchange, String operation, byte[] body) {
        try {
            if (!"POST".equals(exchange.getRequestMethod())) {
                throw ServiceError.unknownOperation(exchange.getRequestMethod() + " " + operation);
            }
            requireSigV4Scope(exchange.getRequestHeaders().getFirst("Authorization"));
            return Reply.ok(operations.dispatch(operation, body));
        } catch (ServiceError e) {
            return Reply.of(e);
        } catch (RuntimeException e) {
            LOG.warn("kms emulator failed operation={}", operation, e);
            return Reply.error(500, "KMSInternalException", "The KMS emulator failed.");
        }
    }

    private static void requireSigV4Scope(String authorization) {
        if (authorization == null || !authorization.contains("/kms/aws4_request")) {
            throw ServiceError.incompleteSignature("Authorization header requires a SigV4 credential scope "
                    + "ending in /kms/aws4_request.");
        }
    }

    private static String operation(String target) {
        if (target == null) {
            return "";
        }
        return target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : target;
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = Json.bytes(reply.body());
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
