package io.authpipe.broker.flow;

import io.authpipe.core.secret.Secret;
import java.util.Optional;

/**
 * The state of a new flow as {@link StateToken} describes it.
 *
 * @param inLink    the {@code state} value the authorize link carries: the whole state (a secret), or
 *                  {@code handle.} awaiting the producer's proof (not a secret)
 * @param storeKey  the key of the pending authorization
 * @param challenge the producer's challenge, if the state awaits a proof
 */
record FlowState(Secret inLink, String storeKey, Optional<String> challenge) {

    /** {@code minted} as a whole state: for answers that travel only over the authenticated HTTP API. */
    static FlowState whole(Secret minted) {
        return new FlowState(minted, StateToken.hash(minted.reveal()), Optional.empty());
    }

    /** {@code minted} as a handle, to be completed by the proof whose SHA-256 is {@code challenge}. */
    static FlowState awaitingProof(Secret minted, String challenge) {
        String handle = minted.reveal();
        return new FlowState(Secret.of(handle + StateToken.PROOF_SEPARATOR), StateToken.hash(handle),
                Optional.of(challenge));
    }

    /**
     * A flow state around {@code minted} (from {@link PendingAuthorizations#newState}, so its store key lands on a
     * partition this instance owns, whichever form it takes).
     */
    static FlowState forChallenge(Optional<String> challenge, Secret minted) {
        return challenge.map(c -> awaitingProof(minted, c)).orElseGet(() -> whole(minted));
    }
}
