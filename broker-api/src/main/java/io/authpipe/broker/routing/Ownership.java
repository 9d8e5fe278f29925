package io.authpipe.broker.routing;

import org.apache.kafka.streams.state.HostInfo;

/** Which broker-api instance holds a key's partition of a store right now. */
public sealed interface Ownership {
    /** This instance: query the local store. */
    record Local() implements Ownership { }

    /**
     * Another instance: forward the request to it. {@code standbyHere}: this instance keeps a standby copy of the
     * key's partition, which can answer a read while the owner does not.
     */
    record Remote(HostInfo host, boolean standbyHere) implements Ownership { }

    /** Nobody yet (starting or rebalancing): ask again shortly. */
    record Unavailable() implements Ownership { }
}
