package io.authpipe.broker.testing;

import io.authpipe.api.signing.CanonicalRequest;
import io.authpipe.api.signing.RequestSignature;
import io.authpipe.events.CheckRequest;
import io.authpipe.events.ConnectRequest;
import io.authpipe.events.ConnectionRef;
import java.time.Instant;

/**
 * A producer signing key issued to a test tenant ({@code POST /v1/producer-keys}), signing requests as a producer
 * would: over {@link CanonicalRequest}'s bytes, as the SDKs' {@code RequestSigner} does.
 */
public record TestProducerKey(String keyId, String key) {

    /** {@code request} signed at {@code signedAt}. */
    public ConnectRequest sign(ConnectRequest request, Instant signedAt) {
        ConnectionRef c = request.getConnection();
        byte[] canonical = CanonicalRequest.connect(request.getRequestId(), c.getTenantId(), c.getProvider(),
                c.getUserId(), request.getInstance(), request.getScopes(), request.getReturnTo(),
                request.getForceLogin(), request.getStateChallenge(), keyId, signedAt);
        return ConnectRequest.newBuilder(request).setKeyId(keyId).setSignedAt(signedAt)
                .setSignature(RequestSignature.sign(key, canonical)).build();
    }

    /** {@code request} signed at {@code signedAt}. */
    public CheckRequest sign(CheckRequest request, Instant signedAt) {
        ConnectionRef c = request.getConnection();
        byte[] canonical = CanonicalRequest.check(request.getRequestId(), c.getTenantId(), c.getProvider(),
                c.getUserId(), request.getReason().name(), request.getReportedStatus(), request.getRequestedAt(),
                keyId, signedAt);
        return CheckRequest.newBuilder(request).setKeyId(keyId).setSignedAt(signedAt)
                .setSignature(RequestSignature.sign(key, canonical)).build();
    }

    @Override
    public String toString() {
        return "TestProducerKey[" + keyId + "]";
    }
}
