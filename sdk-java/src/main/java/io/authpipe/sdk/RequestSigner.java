package io.authpipe.sdk;

import io.authpipe.api.signing.CanonicalRequest;
import io.authpipe.api.signing.RequestSignature;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Signs the requests a producer writes on Authpipe's request topics with one of its tenant's producer signing keys
 * ({@code POST /v1/producer-keys}): set the returned {@link Signature}'s fields on the Avro record
 * ({@code keyId}, {@code signedAt}, {@code signature}) and produce it. The fields passed must be those of the record,
 * as produced. Immutable and thread-safe; {@link #toString()} never shows the key.
 *
 * <pre>{@code
 * RequestSigner signer = new RequestSigner(keyId, key, Clock.systemUTC());
 * RequestSigner.Signature s = signer.connectRequest(requestId, tenantId, "mastodon", userId, instance, scopes,
 *         returnTo, false, stateChallenge);
 * ConnectRequest request = ConnectRequest.newBuilder()....setKeyId(s.keyId()).setSignedAt(s.signedAt())
 *         .setSignature(s.signature()).build();
 * }</pre>
 */
public final class RequestSigner {
    private final String keyId;
    private final String key;
    private final Clock clock;

    /**
     * @param keyId the key's id, {@code pk_...}
     * @param key   the key as issued (43 base64url characters)
     * @param clock the time written as {@code signedAt}; Authpipe refuses a request signed more than five minutes
     *              from its own clock
     */
    public RequestSigner(String keyId, String key, Clock clock) {
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        RequestSignature.sign(key, new byte[0]); // refuses a key that is not 32 bytes of base64url, here
    }

    /** The three fields a signed request carries. {@code signedAt} has millisecond precision, as on the record. */
    public record Signature(String keyId, Instant signedAt, String signature) {
    }

    /** Signs a {@code ConnectRequest}; absent optional fields are {@code null}. */
    public Signature connectRequest(String requestId, String tenantId, String provider, String userId,
                                    String instance, List<String> scopes, String returnTo, boolean forceLogin,
                                    String stateChallenge) {
        Instant signedAt = now();
        return signature(signedAt, CanonicalRequest.connect(requestId, tenantId, provider, userId, instance, scopes,
                returnTo, forceLogin, stateChallenge, keyId, signedAt));
    }

    /**
     * Signs a {@code CheckRequest}; {@code reason} is the enum symbol ({@code TOKEN_REFUSED}, ...), absent optional
     * fields are {@code null}.
     */
    public Signature checkRequest(String requestId, String tenantId, String provider, String userId, String reason,
                                  Integer reportedStatus, Instant requestedAt) {
        Instant signedAt = now();
        return signature(signedAt, CanonicalRequest.check(requestId, tenantId, provider, userId, reason,
                reportedStatus, requestedAt, keyId, signedAt));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Signature signature(Instant signedAt, byte[] canonical) {
        return new Signature(keyId, signedAt, RequestSignature.sign(key, canonical));
    }

    @Override
    public String toString() {
        return "RequestSigner[" + keyId + ", key [redacted]]";
    }
}
