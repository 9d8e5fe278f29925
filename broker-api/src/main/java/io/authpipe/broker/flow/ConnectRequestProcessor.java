package io.authpipe.broker.flow;

import io.authpipe.broker.api.ApiProblem;
import io.authpipe.records.SignedRequests;
import io.authpipe.broker.tenant.Tenant;
import io.authpipe.broker.tenant.TenantDirectory;
import io.authpipe.core.identity.TenantId;
import io.authpipe.events.ConnectReply;
import io.authpipe.events.ConnectRequest;
import io.authpipe.kafka.deadletter.RecordRejectedException;
import io.authpipe.records.ConnectionKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers each {@link ConnectRequest} with a {@link ConnectReply} carrying the authorize link (awaiting the
 * producer's state proof, {@link ConnectReplies}) or an error code. A
 * request deferred by an instance's app-registration limit is kept in a store and retried every few seconds, so
 * it waits for the limit instead of failing.
 *
 * <p>What the flow cannot do (an unknown tenant, an invalid field, an instance that cannot be asked, the KMS or
 * Kafka failing) is a reply with an error code, never an exception: {@link ConnectService} answers every request
 * with a value. A record that is no request at all (no value) is refused ({@link RecordRejectedException}) and goes
 * to {@code authpipe.dead-letters}; a request whose key is not its connection's (or none) is answered
 * {@code invalid_key}, keyed as it came. A request not signed by one of its tenant's producers ({@link SignedRequests})
 * is answered {@code signature_required}, {@code signature_invalid} or {@code request_expired}; the signature is
 * checked once, on arrival, so a request deferred by a registration limit does not expire while it waits.
 */
final class ConnectRequestProcessor implements Processor<String, ConnectRequest, String, ConnectReply> {
    static final Duration RETRY_EVERY = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(ConnectRequestProcessor.class);

    private final TenantDirectory tenants;
    private final SignedRequests signatures;
    private final ConnectLinks connect;
    private ProcessorContext<String, ConnectReply> context;
    private KeyValueStore<String, ConnectRequest> deferred;

    ConnectRequestProcessor(TenantDirectory tenants, SignedRequests signatures, ConnectLinks connect) {
        this.tenants = tenants;
        this.signatures = signatures;
        this.connect = connect;
    }

    @Override
    public void init(ProcessorContext<String, ConnectReply> context) {
        this.context = context;
        this.deferred = context.getStateStore(ConnectRequestTopology.DEFERRED_STORE);
        context.schedule(RETRY_EVERY, PunctuationType.WALL_CLOCK_TIME, this::retryDeferred);
    }

    @Override
    public void process(Record<String, ConnectRequest> record) {
        if (record.value() == null) {
            throw new RecordRejectedException("a connect request needs a value");
        }
        Optional<ApiProblem> refusal = keyProblem(record.key(), record.value()).or(() -> unsigned(record.value()));
        if (refusal.isPresent()) {
            reply(record.key(), record.timestamp(), ConnectReplies.refused(record.value(), refusal.get()));
            return;
        }
        handle(record.key(), record.value(), record.timestamp());
    }

    /** Why the request is not its tenant's producer's, if it is not (an unknown tenant is for handle to answer). */
    private Optional<ApiProblem> unsigned(ConnectRequest request) {
        return tenant(request.getConnection().getTenantId())
                .flatMap(tenant -> signatures.refusal(tenant.id(), request))
                .map(refusal -> ApiProblem.badRequest(refusal.code(), refusal.message()));
    }

    /** A valid connection keyed by another key; an invalid connection is for the flow's validation to answer. */
    private static Optional<ApiProblem> keyProblem(String key, ConnectRequest request) {
        String named;
        try {
            named = ConnectionKeys.kafkaKey(request.getConnection());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return named.equals(key) ? Optional.empty() : Optional.of(ApiProblem.badRequest("invalid_key",
                "the record key must be the connection key (tenant:provider:urlencoded(user))"));
    }

    /** Retries every deferred request; replies carry the punctuation's wall-clock time as their timestamp. */
    private void retryDeferred(long wallClockMillis) {
        List<KeyValue<String, ConnectRequest>> waiting = new ArrayList<>();
        try (KeyValueIterator<String, ConnectRequest> it = deferred.all()) {
            it.forEachRemaining(waiting::add);
        }
        waiting.forEach(kv -> {
            deferred.delete(kv.key);
            handle(kv.key, kv.value, wallClockMillis);
        });
    }

    private void handle(String key, ConnectRequest request, long timestamp) {
        Optional<Tenant> tenant = tenant(request.getConnection().getTenantId());
        if (tenant.isEmpty()) {
            reply(key, timestamp, ConnectReplies.refused(request,
                    ApiProblem.badRequest("unknown_tenant", "no such tenant")));
            return;
        }
        Optional<ApiProblem> unanswerable = ConnectReplies.unanswerable(request);
        if (unanswerable.isPresent()) {
            reply(key, timestamp, ConnectReplies.refused(request, unanswerable.get()));
            return;
        }
        ConnectOutcome outcome = connect.link(tenant.get(), ConnectReplies.command(request));
        if (outcome instanceof ConnectOutcome.Refused refused
                && refused.problem().error().equals("instance_registration_throttled")) {
            deferred.put(key, request);
            LOG.info("connect request deferred connection={} retryAt={}", key, refused.problem().retryAt().orElse(null));
            return;
        }
        reply(key, timestamp, ConnectReplies.of(request, outcome));
    }

    private Optional<Tenant> tenant(String id) {
        try {
            return tenants.find(TenantId.of(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void reply(String key, long timestamp, ConnectReply reply) {
        context.forward(new Record<>(key, reply, timestamp), ConnectRequestTopology.REPLIES_SINK);
    }
}
