package io.authpipe.vault.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * One cached data key: its bytes and when it was last used. Synchronised so that a key is never handed out while, or
 * after, it is zeroed.
 */
final class DekCacheEntry {
    private final byte[] key;
    private Instant lastUse;
    private boolean destroyed;

    DekCacheEntry(byte[] key, Instant now) {
        this.key = key;
        this.lastUse = now;
    }

    /** A key over a copy of the bytes, marking the entry used now; null if zeroed or expired. */
    synchronized SecretKey use(Instant now, Duration idleExpiry) {
        if (destroyed || isExpired(now, idleExpiry)) {
            return null;
        }
        lastUse = now;
        return AesGcm.key(key);
    }

    synchronized boolean isExpired(Instant now, Duration idleExpiry) {
        return !now.isBefore(lastUse.plus(idleExpiry));
    }

    /** Zeroes the bytes; the entry serves nothing afterwards. */
    synchronized void destroy() {
        Arrays.fill(key, (byte) 0);
        destroyed = true;
    }
}
