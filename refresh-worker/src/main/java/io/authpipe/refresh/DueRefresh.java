package io.authpipe.refresh;

import io.authpipe.events.ExpiryTimer;

/**
 * Receives timers that came due. This issue ships the schedule only; the refresh itself (single-flight HTTP
 * refresh with rotation-safe storage) plugs in here.
 */
@FunctionalInterface
public interface DueRefresh {
    /** Called on the stream thread; must not block. */
    void due(String connectionKey, ExpiryTimer timer);
}
