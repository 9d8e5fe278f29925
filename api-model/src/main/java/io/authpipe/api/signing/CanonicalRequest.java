package io.authpipe.api.signing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The bytes a producer signs: the request's fields, in a fixed order, each as a netstring
 * ({@code <decimal byte length>:<UTF-8 bytes>,}, D. J. Bernstein's format, so no field can run into the next). An
 * absent field is empty ({@code 0:,}), a boolean {@code true}/{@code false}, a number and an instant (epoch
 * milliseconds) in decimal, a list one netstring holding each element's netstring.
 *
 * <pre>
 *  connect request: "authpipe.connect-request.v1", requestId, tenantId, provider, userId, instance, [scopes],
 *                   returnTo, forceLogin, stateChallenge, keyId, signedAt
 *  check request:   "authpipe.check-request.v1", requestId, tenantId, provider, userId, reason, reportedStatus,
 *                   requestedAt, keyId, signedAt
 * </pre>
 * Example: requestId {@code r1} gives {@code 2:r1,}; scopes {@code [read, write]} give {@code 14:4:read,5:write,,}.
 */
public final class CanonicalRequest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private CanonicalRequest(String type) {
        text(type);
    }

    /** The canonical bytes of a {@code ConnectRequest}. */
    public static byte[] connect(String requestId, String tenantId, String provider, String userId, String instance,
                                 List<String> scopes, String returnTo, boolean forceLogin, String stateChallenge,
                                 String keyId, Instant signedAt) {
        return new CanonicalRequest("authpipe.connect-request.v1").text(requestId).text(tenantId).text(provider)
                .text(userId).text(instance).list(scopes).text(returnTo).text(Boolean.toString(forceLogin))
                .text(stateChallenge).text(keyId).instant(signedAt).bytes.toByteArray();
    }

    /** The canonical bytes of a {@code CheckRequest}; {@code reason} is the enum symbol, e.g. {@code TOKEN_REFUSED}. */
    public static byte[] check(String requestId, String tenantId, String provider, String userId, String reason,
                               Integer reportedStatus, Instant requestedAt, String keyId, Instant signedAt) {
        return new CanonicalRequest("authpipe.check-request.v1").text(requestId).text(tenantId).text(provider)
                .text(userId).text(reason).text(reportedStatus == null ? null : reportedStatus.toString())
                .instant(requestedAt).text(keyId).instant(signedAt).bytes.toByteArray();
    }

    private CanonicalRequest text(String value) {
        netstring(bytes, value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    private CanonicalRequest instant(Instant value) {
        return text(value == null ? null : Long.toString(value.toEpochMilli()));
    }

    private CanonicalRequest list(List<String> values) {
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        if (values != null) {
            values.forEach(v -> netstring(inner, v == null ? new byte[0] : v.getBytes(StandardCharsets.UTF_8)));
        }
        netstring(bytes, inner.toByteArray());
        return this;
    }

    private static void netstring(ByteArrayOutputStream out, byte[] value) {
        out.writeBytes((value.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(value);
        out.write(',');
    }
}
