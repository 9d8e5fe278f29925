package io.authpipe.records;

import io.authpipe.api.signing.CanonicalRequest;
import io.authpipe.api.signing.RequestSignature;
import io.authpipe.core.secret.Secret;
import io.authpipe.events.CheckRequest;
import io.authpipe.events.ConnectRequest;
import io.authpipe.events.ConnectionRef;
import java.time.Instant;

/**
 * The request records' {@link CanonicalRequest} bytes, and the records signed: what a Java producer with the Avro
 * classes does (the SDK's {@code RequestSigner} does the same from plain fields).
 */
public final class SignedRecords {
    private SignedRecords() {
    }

    public static byte[] canonical(ConnectRequest request) {
        ConnectionRef c = request.getConnection();
        return CanonicalRequest.connect(request.getRequestId(), c.getTenantId(), c.getProvider(), c.getUserId(),
                request.getInstance(), request.getScopes(), request.getReturnTo(), request.getForceLogin(),
                request.getStateChallenge(), request.getKeyId(), request.getSignedAt());
    }

    public static byte[] canonical(CheckRequest request) {
        ConnectionRef c = request.getConnection();
        return CanonicalRequest.check(request.getRequestId(), c.getTenantId(), c.getProvider(), c.getUserId(),
                request.getReason().name(), request.getReportedStatus(), request.getRequestedAt(),
                request.getKeyId(), request.getSignedAt());
    }

    /** {@code request} signed with {@code key} (id {@code keyId}) at {@code signedAt}. */
    public static ConnectRequest sign(ConnectRequest request, String keyId, Secret key, Instant signedAt) {
        ConnectRequest claimed = ConnectRequest.newBuilder(request).setKeyId(keyId).setSignedAt(signedAt).build();
        return ConnectRequest.newBuilder(claimed)
                .setSignature(RequestSignature.sign(key.reveal(), canonical(claimed))).build();
    }

    /** {@code request} signed with {@code key} (id {@code keyId}) at {@code signedAt}. */
    public static CheckRequest sign(CheckRequest request, String keyId, Secret key, Instant signedAt) {
        CheckRequest claimed = CheckRequest.newBuilder(request).setKeyId(keyId).setSignedAt(signedAt).build();
        return CheckRequest.newBuilder(claimed)
                .setSignature(RequestSignature.sign(key.reveal(), canonical(claimed))).build();
    }
}
