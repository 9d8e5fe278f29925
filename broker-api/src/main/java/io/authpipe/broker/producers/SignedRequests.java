package io.authpipe.broker.producers;

import io.authpipe.api.signing.RequestSignature;
import io.authpipe.broker.api.ApiProblem;
import io.authpipe.broker.tenant.Tenant;
import io.authpipe.core.config.RequestMode;
import io.authpipe.core.secret.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether a request on a request topic comes from one of its tenant's producers: signed with a producer
 * signing key the tenant holds ({@link ProducerKeys}), over the request's canonical bytes, within
 * {@link RequestSignature#WINDOW} of now. A refusal is a value, answered on the reply topic:
 * {@code signature_required}, {@code signature_invalid} (an unknown key id too: no oracle of which ids exist) or
 * {@code request_expired}.
 */
public final class SignedRequests {
    private final KeyLookup keys;
    private final RequestMode mode;
    private final Clock clock;

    /** Finds a tenant's producer signing key by id. */
    @FunctionalInterface
    public interface KeyLookup {
        Optional<Secret> find(Tenant tenant, String keyId);
    }

    public SignedRequests(KeyLookup keys, RequestMode mode, Clock clock) {
        this.keys = keys;
        this.mode = mode;
        this.clock = clock;
    }

    /** What a request's producer claims: the key id, when it signed, its signature, and the bytes it signed. */
    public record Claim(String keyId, Instant signedAt, String signature, byte[] canonical) {
        boolean unsigned() {
            return keyId == null && signedAt == null && signature == null;
        }
    }

    /** Why the request must be refused, or empty when it may be handled. */
    public Optional<ApiProblem> refusal(Tenant tenant, Claim claim) {
        if (claim.unsigned()) {
            return mode == RequestMode.UNSIGNED ? Optional.empty() : Optional.of(ApiProblem.badRequest(
                    "signature_required", "sign the request with a producer signing key (POST /v1/producer-keys); "
                            + "see the README, Producers: signed requests"));
        }
        if (claim.keyId() == null || claim.signedAt() == null || claim.signature() == null) {
            return invalid();
        }
        if (Duration.between(claim.signedAt(), clock.instant()).abs().compareTo(RequestSignature.WINDOW) > 0) {
            return Optional.of(ApiProblem.badRequest("request_expired", "signedAt is more than "
                    + RequestSignature.WINDOW.toMinutes() + " minutes from the broker's clock"));
        }
        boolean valid = keys.find(tenant, claim.keyId())
                .map(key -> RequestSignature.verify(key.reveal(), claim.canonical(), claim.signature()))
                .orElse(false);
        return valid ? Optional.empty() : invalid();
    }

    private static Optional<ApiProblem> invalid() {
        return Optional.of(ApiProblem.badRequest("signature_invalid",
                "the signature does not match the request under any producer signing key of the tenant"));
    }
}
