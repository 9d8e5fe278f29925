package io.authpipe.records;

import io.authpipe.api.signing.CanonicalRequest;
import io.authpipe.api.signing.RequestSignature;
import io.authpipe.core.config.RequestMode;
import io.authpipe.core.identity.TenantId;
import io.authpipe.core.secret.Secret;
import io.authpipe.events.CheckRequest;
import io.authpipe.events.ConnectRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether a request on a request topic ({@code ConnectRequest}, {@code CheckRequest}) comes from one of its
 * tenant's producers: signed with a producer signing key the tenant holds, over the request's
 * {@link CanonicalRequest} bytes, within {@link RequestSignature#WINDOW} of now. A refusal is a value, for the reply
 * topic: {@code signature_required}, {@code signature_invalid} (an unknown key id too: no oracle of which ids
 * exist) or {@code request_expired}. Under {@link RequestMode#UNSIGNED} an unsigned request passes and a signed one
 * is still checked.
 */
public final class SignedRequests {
    private final KeyLookup keys;
    private final RequestMode mode;
    private final Clock clock;

    /** Finds a tenant's producer signing key by id. */
    @FunctionalInterface
    public interface KeyLookup {
        Optional<Secret> find(TenantId tenant, String keyId);
    }

    /** Why a request is refused: its error code and a message for the producer's developer. */
    public record Refusal(String code, String message) {
    }

    public SignedRequests(KeyLookup keys, RequestMode mode, Clock clock) {
        this.keys = keys;
        this.mode = mode;
        this.clock = clock;
    }

    /** Why the connect request must be refused, or empty when it may be handled. */
    public Optional<Refusal> refusal(TenantId tenant, ConnectRequest request) {
        return refusal(tenant, request.getKeyId(), request.getSignedAt(), request.getSignature(),
                SignedRecords.canonical(request));
    }

    /** Why the check request must be refused, or empty when it may be handled. */
    public Optional<Refusal> refusal(TenantId tenant, CheckRequest request) {
        return refusal(tenant, request.getKeyId(), request.getSignedAt(), request.getSignature(),
                SignedRecords.canonical(request));
    }

    private Optional<Refusal> refusal(TenantId tenant, String keyId, Instant signedAt, String signature,
                                      byte[] canonical) {
        if (keyId == null && signedAt == null && signature == null) {
            return mode == RequestMode.UNSIGNED ? Optional.empty() : Optional.of(new Refusal("signature_required",
                    "sign the request with a producer signing key (POST /v1/producer-keys); see the README, "
                            + "Producers: signed requests"));
        }
        if (keyId == null || signedAt == null || signature == null) {
            return invalid();
        }
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(RequestSignature.WINDOW) > 0) {
            return Optional.of(new Refusal("request_expired", "signedAt is more than "
                    + RequestSignature.WINDOW.toMinutes() + " minutes from Authpipe's clock"));
        }
        boolean valid = keys.find(tenant, keyId)
                .map(key -> RequestSignature.verify(key.reveal(), canonical, signature))
                .orElse(false);
        return valid ? Optional.empty() : invalid();
    }

    private static Optional<Refusal> invalid() {
        return Optional.of(new Refusal("signature_invalid",
                "the signature does not match the request under any producer signing key of the tenant"));
    }
}
