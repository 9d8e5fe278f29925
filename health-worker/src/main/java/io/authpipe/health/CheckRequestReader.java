package io.authpipe.health;

import io.authpipe.events.CheckReply;
import io.authpipe.events.CheckRequest;
import io.authpipe.kafka.deadletter.RecordRejectedException;
import io.authpipe.records.ConnectionKeys;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.topics.Topics;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reads {@code authpipe.check-requests}, which other services write, and answers every request it can read on
 * {@code authpipe.check-replies} ({@link CheckReply}, keyed as the request came): accepted, and passed to the
 * scheduler, or refused with {@code invalid_key} when its key is not the connection it names. A record that is not a
 * {@link CheckRequest} is refused ({@link RecordRejectedException}), so it goes to {@code authpipe.dead-letters} with
 * its original bytes and the reason, and reading continues.
 */
final class CheckRequestReader implements Processor<String, byte[], String, Object> {
    private final AvroSerde<CheckRequest> requests;
    private ProcessorContext<String, Object> context;

    CheckRequestReader(AvroSerde<CheckRequest> requests) {
        this.requests = requests;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        CheckRequest request = read(record.value());
        Optional<String> keyProblem = ConnectionKeys.keyProblem(record.key(), request.getConnection());
        if (keyProblem.isPresent()) {
            reply(record, refused(request, "invalid_key", keyProblem.get()));
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

    private static CheckReply refused(CheckRequest request, String code, String message) {
        return CheckReply.newBuilder().setRequestId(request.getRequestId()).setConnection(request.getConnection())
                .setAccepted(false).setErrorCode(code).setErrorMessage(message).build();
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
