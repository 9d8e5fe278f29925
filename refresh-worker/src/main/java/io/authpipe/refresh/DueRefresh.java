package io.authpipe.refresh;

import io.authpipe.events.ExpiryTimer;

/** Receives the timers {@link DueTimers#takeDue} takes, on the stream thread. */
@FunctionalInterface
interface DueRefresh {
    void due(String connectionKey, ExpiryTimer timer);
}
