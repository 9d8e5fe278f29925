package io.authpipe.broker.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own error answers (a malformed request line or URI, headers too large, a body arriving too slowly) in
 * the API's JSON form, {@code {"error":"http_<status>","message":<reason phrase>}}, with the API's headers and
 * without echoing any of the request.
 */
final class JsonErrorHandler extends ErrorHandler {
    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message)
            throws IOException {
        baseRequest.setHandled(true);
        response.setContentType("application/json");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", ResponseHeaders.CONTENT_SECURITY_POLICY);
        response.getOutputStream().write(body(code));
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put("X-Content-Type-Options", "nosniff");
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        fields.put("Content-Security-Policy", ResponseHeaders.CONTENT_SECURITY_POLICY);
        return ByteBuffer.wrap(body(status));
    }

    private static byte[] body(int status) {
        String reason = HttpStatus.getMessage(status);
        return ("{\"error\":\"http_" + status + "\",\"message\":\"" + (reason == null ? "error" : reason) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
