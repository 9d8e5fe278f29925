package io.authpipe.broker.routing;

import org.apache.kafka.streams.state.HostInfo;

/** Which broker-api instance holds a key's partition of a store right now. */
public sealed interface Ownership {
    /** This instance: query the local store. */
    record Local() implements Ownership { }

    /** Another instance: forward the request to it. */
    record Remote(HostInfo host) implements Ownership { }

    /** Nobody yet (starting or rebalancing): ask again shortly. */
    record Unavailable() implements Ownership { }
}
