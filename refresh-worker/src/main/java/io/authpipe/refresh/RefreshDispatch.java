package io.authpipe.refresh;

import io.authpipe.events.ExpiryTimer;
import java.time.Instant;

/**
 * Where the schedule hands due refreshes: a bounded executor that runs at most one refresh per connection and a
 * limited number per instance. Reservations are made on the stream thread before a refresh is leased; the job is
 * submitted once the lease is committed.
 */
public interface RefreshDispatch {

    /** How many more refreshes may be reserved now. */
    int freeSlots();

    /**
     * Reserves room for refreshing {@code timer} of {@code connectionKey}. False when the executor is full, the
     * connection already has a refresh in flight, its instance has its share, or the instance throttled us until
     * later.
     */
    boolean reserve(String connectionKey, ExpiryTimer timer, Instant now);

    /** Gives back a reservation whose job will not be submitted. */
    void release(String connectionKey, ExpiryTimer timer);

    /** Runs a reserved job asynchronously; the reservation is released when it completes. */
    void submit(RefreshJob job);

    /**
     * Revokes at the provider, asynchronously and best effort, tokens a refresh obtained for a connection that no
     * longer takes them (erased or revoked while the refresh was in flight): nobody holds them, and Mastodon would
     * hand them to the next authorisation of the same app, account and scopes.
     */
    void revokeOrphan(Completion.Issued issued);
}
