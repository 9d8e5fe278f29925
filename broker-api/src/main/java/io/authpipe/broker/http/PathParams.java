package io.authpipe.broker.http;

import io.authpipe.broker.api.ApiProblem;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Path parameters decoded exactly once, from the raw request URI: each {@code %XX} becomes its byte, the bytes are
 * read as strict UTF-8, and {@code +} stays a plus (RFC 3986: it means nothing special in a path). So
 * {@code /v1/credentials/mastodon/a%2Bb} names the user {@code a+b}, {@code a%20b} the user {@code a b}, and
 * {@code a%252Bb} the user {@code a%2Bb}: no encoding of one user id reaches another.
 */
final class PathParams {
    private PathParams() {
    }

    /** The parameter {@code name} of the matched route ({@code {name}} in its path), decoded once. */
    static String get(Context ctx, String name) {
        String[] template = ctx.endpointHandlerPath().split("/");
        String[] raw = rawPath(ctx).split("/");
        for (int i = 0; i < template.length; i++) {
            if (template[i].equals("{" + name + "}") && i < raw.length) {
                return decode(raw[i]);
            }
        }
        throw new IllegalStateException("the route " + ctx.endpointHandlerPath() + " has no parameter " + name);
    }

    /** The request's path as the client sent it (percent-encoded), without the query. */
    static String rawPath(Context ctx) {
        return ctx.req().getRequestURI();
    }

    static String decode(String segment) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        int i = 0;
        while (i < segment.length()) {
            int c = segment.codePointAt(i);
            if (c == '%') {
                bytes.write(hexByte(segment, i));
                i += 3;
            } else {
                bytes.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid("a path segment is not valid percent-encoded UTF-8");
        }
    }

    private static int hexByte(String segment, int at) {
        int high = at + 2 < segment.length() ? hex(segment.charAt(at + 1)) : -1;
        int low = at + 2 < segment.length() ? hex(segment.charAt(at + 2)) : -1;
        if (high < 0 || low < 0) {
            throw invalid("a path segment has an invalid percent escape");
        }
        return (high << 4) | low;
    }

    /** An ASCII hex digit's value, else -1 ({@link Character#digit} would take other scripts' digits too). */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        char lower = (char) (c | 0x20);
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    private static ApiProblem.ApiException invalid(String message) {
        return ApiProblem.badRequest("invalid_path", message).toException();
    }
}
