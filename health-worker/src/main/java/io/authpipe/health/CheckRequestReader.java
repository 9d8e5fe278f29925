package io.authpipe.health;

import io.authpipe.events.CheckRequest;
import io.authpipe.records.ConnectionKeys;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.topics.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code authpipe.check-requests}, which other services write: a record that is not a {@link CheckRequest}, or
 * whose key is not the connection it names, goes to {@code authpipe.dead-letters} with its original bytes and the
 * reason in headers, and reading continues.
 */
final class CheckRequestReader implements Processor<String, byte[], String, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(CheckRequestReader.class);

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
        CheckRequest request;
        try {
            request = requests.deserialize(Topics.CHECK_REQUESTS, record.value());
        } catch (RuntimeException e) {
            deadLetter(record, "not a CheckRequest: " + e.getClass().getSimpleName());
            return;
        }
        if (request == null) {
            deadLetter(record, "empty value");
            return;
        }
        String named;
        try {
            named = ConnectionKeys.kafkaKey(request.getConnection());
        } catch (IllegalArgumentException e) {
            deadLetter(record, "invalid connection: " + e.getMessage());
            return;
        }
        if (!named.equals(record.key())) {
            deadLetter(record, "the key is not the connection the request names");
            return;
        }
        context.forward(record.<Object>withValue(request), HealthTopology.SCHEDULER);
    }

    private void deadLetter(Record<String, byte[]> record, String reason) {
        LOG.warn("check request sent to {}: {}", Topics.DEAD_LETTERS, reason);
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(Topics.DLQ_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(Topics.DLQ_SOURCE_HEADER, Topics.CHECK_REQUESTS.getBytes(StandardCharsets.UTF_8));
        context.forward(new Record<String, Object>(record.key(), record.value(), record.timestamp(), headers),
                HealthTopology.DEAD_LETTERS_SINK);
    }
}
