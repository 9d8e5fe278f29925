package io.authpipe.broker.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /openapi.json}: the API's OpenAPI 3.1 document, from the API model's jar, read once. */
final class OpenApi {
    static final String PATH = "/openapi.json";
    static final String RESOURCE = "/io/authpipe/api/openapi.json";
    private static final byte[] DOCUMENT = load();

    private OpenApi() {
    }

    static void serve(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=300").contentType("application/json").result(DOCUMENT);
    }

    private static byte[] load() {
        try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path (authpipe-api-model)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
