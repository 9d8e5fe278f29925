package io.authpipe.vault.internal;

import java.time.Duration;
import java.time.Instant;

/** One unwrapped data key and when it was last used; expires a fixed time after its last use. */
final class IdleEntry {
    private final KeyMaterial material;
    private Instant lastUse;

    IdleEntry(byte[] key, Instant now) {
        this.material = new KeyMaterial(key);
        this.lastUse = now;
    }

    /** A leased copy of the key, marking the entry used now; null if expired or destroyed. */
    synchronized DestroyableKey use(Instant now, Duration idleExpiry) {
        if (isExpired(now, idleExpiry)) {
            return null;
        }
        lastUse = now;
        return material.lease();
    }

    synchronized boolean isExpired(Instant now, Duration idleExpiry) {
        return !now.isBefore(lastUse.plus(idleExpiry));
    }

    void destroy() {
        material.destroy();
    }
}
