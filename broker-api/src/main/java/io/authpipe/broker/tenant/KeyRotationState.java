package io.authpipe.broker.tenant;

import io.authpipe.vault.KekRef;
import java.time.Instant;
import java.util.Optional;

/** A re-encryption of a tenant's secrets under {@code target}; running until {@code completedAt} is set. */
public record KeyRotationState(KekRef target, Instant startedAt, Optional<Instant> completedAt) {
    public boolean running() {
        return completedAt.isEmpty();
    }

    public KeyRotationState completed(Instant at) {
        return new KeyRotationState(target, startedAt, Optional.of(at));
    }
}
