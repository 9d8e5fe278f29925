package io.authpipe.health;

import io.authpipe.events.CheckRequest;
import io.authpipe.kafka.deadletter.RecordRejectedException;
import io.authpipe.records.ConnectionKeys;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.topics.Topics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reads {@code authpipe.check-requests}, which other services write: a record that is not a {@link CheckRequest}, or
 * whose key is not the connection it names, is refused ({@link RecordRejectedException}), so it goes to
 * {@code authpipe.dead-letters} with its original bytes and the reason, and reading continues.
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
        ConnectionKeys.keyProblem(record.key(), request.getConnection()).ifPresent(problem -> {
            throw new RecordRejectedException(problem);
        });
        context.forward(record.<Object>withValue(request), HealthTopology.SCHEDULER);
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
