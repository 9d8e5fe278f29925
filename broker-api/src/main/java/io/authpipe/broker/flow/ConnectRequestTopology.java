package io.authpipe.broker.flow;

import io.authpipe.broker.kafka.EventSerdes;
import io.authpipe.broker.tenant.TenantDirectory;
import io.authpipe.events.ConnectReply;
import io.authpipe.events.ConnectRequest;
import io.authpipe.records.SignedRequests;
import io.authpipe.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The topic path of the connect flow, its own Streams application so that calls to instances never stall the
 * vault:
 * <pre>
 *  authpipe.connect-requests ─► ConnectRequestProcessor ─► authpipe.connect-replies
 *                                 [deferred-connect-requests]  (retried when an instance's registration window opens)
 * </pre>
 * A record that cannot be deserialised goes to {@code authpipe.dead-letters} with the reason (Kafka Streams'
 * dead-letter queue); a well-formed but invalid request gets a reply with an error code.
 */
public final class ConnectRequestTopology {
    public static final String APPLICATION_SUFFIX = "-connect";
    static final String DEFERRED_STORE = "deferred-connect-requests";
    static final String REPLIES_SINK = "connect-replies-sink";

    private ConnectRequestTopology() {
    }

    public static Topology build(EventSerdes serdes, TenantDirectory tenants, SignedRequests signatures,
                                 ConnectLinks connect) {
        Topology topology = new Topology();
        topology.addSource("connect-requests-source", Serdes.String().deserializer(),
                        serdes.of(ConnectRequest.class).deserializer(), Topics.CONNECT_REQUESTS)
                .addProcessor("connect-requests", () -> new ConnectRequestProcessor(tenants, signatures, connect),
                        "connect-requests-source")
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEFERRED_STORE),
                        Serdes.String(), serdes.of(ConnectRequest.class)), "connect-requests")
                .addSink(REPLIES_SINK, Topics.CONNECT_REPLIES, Serdes.String().serializer(),
                        serdes.of(ConnectReply.class).serializer(), "connect-requests");
        return topology;
    }
}
