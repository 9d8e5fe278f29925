package io.authpipe.health;

import io.authpipe.core.config.RequestMode;
import io.authpipe.core.identity.TenantId;
import io.authpipe.events.CheckReply;
import io.authpipe.events.CheckRequest;
import io.authpipe.kafka.deadletter.RecordRejectedException;
import io.authpipe.records.ConnectionKeys;
import io.authpipe.records.SignedRequests;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.topics.Topics;
import java.time.Clock;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reads {@code authpipe.check-requests}, which other services write, and answers every request it can read on
 * {@code authpipe.check-replies} ({@link CheckReply}, keyed as the request came): accepted, and passed to the
 * scheduler, or refused with {@code invalid_key} when its key is not the connection it names, or with
 * {@code signature_required}, {@code signature_invalid} or {@code request_expired} when it is not signed by one of
 * its tenant's producers ({@link SignedRequests}, keys from {@link StoredProducerKeys}). A record that is not a
 * {@link CheckRequest} is refused ({@link RecordRejectedException}), so it goes to {@code authpipe.dead-letters} with
 * its original bytes and the reason, and reading continues.
 */
final class CheckRequestReader implements Processor<String, byte[], String, Object> {
    private final AvroSerde<CheckRequest> requests;
    private final RequestMode mode;
    private final ProducerKeyOpener opener;
    private final Clock clock;
    private ProcessorContext<String, Object> context;
    private SignedRequests signatures;

    CheckRequestReader(AvroSerde<CheckRequest> requests, RequestMode mode, ProducerKeyOpener opener, Clock clock) {
        this.requests = requests;
        this.mode = mode;
        this.opener = opener;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.signatures = new SignedRequests(new StoredProducerKeys(context.getStateStore(HealthTopology.TENANTS_STORE),
                context.getStateStore(HealthTopology.TENANT_SECRETS_STORE), opener), mode, clock);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        CheckRequest request = read(record.value());
        Optional<SignedRequests.Refusal> refusal = ConnectionKeys.keyProblem(record.key(), request.getConnection())
                .map(problem -> new SignedRequests.Refusal("invalid_key", problem))
                .or(() -> signatures.refusal(TenantId.of(request.getConnection().getTenantId()), request));
        if (refusal.isPresent()) {
            reply(record, refused(request, refusal.get()));
            return;
        }
        context.forward(record.<Object>withValue(request), HealthTopology.SCHEDULER);
        reply(record, accepted(request));
    }

    private void reply(Record<String, byte[]> request, CheckReply reply) {
        context.forward(request.<Object>withValue(reply), HealthTopology.REPLIES_SINK);
    }

    private static CheckReply accepted(CheckRequest request) {
        return CheckReply.newBuilder().setRequestId(request.getRequestId()).setConnection(request.getConnection())
                .setAccepted(true).build();
    }

    private static CheckReply refused(CheckRequest request, SignedRequests.Refusal refusal) {
        return CheckReply.newBuilder().setRequestId(request.getRequestId()).setConnection(request.getConnection())
                .setAccepted(false).setErrorCode(refusal.code()).setErrorMessage(refusal.message()).build();
    }

    private CheckRequest read(byte[] value) {
        CheckRequest request;
        try {
            request = requests.deserialize(Topics.CHECK_REQUESTS, value);
        } catch (RuntimeException e) {
            throw new RecordRejectedException("not a CheckRequest: " + e.getClass().getSimpleName() + ": "
                    + e.getMessage());
        }
        if (request == null) {
            throw new RecordRejectedException("empty value");
        }
        return request;
    }
}
