package io.authpipe.broker.testing;

import io.authpipe.core.secret.Secret;
import io.authpipe.events.CheckRequest;
import io.authpipe.events.ConnectRequest;
import io.authpipe.records.SignedRecords;
import java.time.Instant;

/** A producer signing key issued to a test tenant ({@code POST /v1/producer-keys}), signing as a producer would. */
public record TestProducerKey(String keyId, String key) {

    /** {@code request} signed at {@code signedAt}. */
    public ConnectRequest sign(ConnectRequest request, Instant signedAt) {
        return SignedRecords.sign(request, keyId, Secret.of(key), signedAt);
    }

    /** {@code request} signed at {@code signedAt}. */
    public CheckRequest sign(CheckRequest request, Instant signedAt) {
        return SignedRecords.sign(request, keyId, Secret.of(key), signedAt);
    }

    @Override
    public String toString() {
        return "TestProducerKey[" + keyId + "]";
    }
}
