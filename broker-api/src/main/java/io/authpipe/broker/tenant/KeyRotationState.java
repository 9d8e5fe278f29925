package io.authpipe.broker.tenant;

import io.authpipe.vault.KekRef;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A re-encryption of a tenant's secrets under {@code target}; running until {@code completedAt} is set. Times are
 * kept to the millisecond, the precision they are stored with.
 */
public record KeyRotationState(KekRef target, Instant startedAt, Optional<Instant> completedAt) {
    public KeyRotationState {
        startedAt = startedAt.truncatedTo(ChronoUnit.MILLIS);
        completedAt = completedAt.map(at -> at.truncatedTo(ChronoUnit.MILLIS));
    }

    public boolean running() {
        return completedAt.isEmpty();
    }

    public KeyRotationState completed(Instant at) {
        return new KeyRotationState(target, startedAt, Optional.of(at));
    }
}
