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

    /** A whole state minted here: for answers that travel only over the authenticated HTTP API. */
    static FlowState whole() {
        Secret state = StateToken.generate();
        return new FlowState(state, StateToken.hash(state.reveal()), Optional.empty());
    }

    /** A handle minted here, to be completed by the proof whose SHA-256 is {@code challenge}. */
    static FlowState awaitingProof(String challenge) {
        String handle = StateToken.generate().reveal();
        return new FlowState(Secret.of(handle + StateToken.PROOF_SEPARATOR), StateToken.hash(handle),
                Optional.of(challenge));
    }

    static FlowState forChallenge(Optional<String> challenge) {
        return challenge.map(FlowState::awaitingProof).orElseGet(FlowState::whole);
    }
}
