package io.authpipe.kafka.deadletter;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record a processor refuses ({@link RecordRejectedException}) or fails on goes to the dead-letter topic with the
 * source record's bytes and the {@link DeadLetterHeaders}, in the task's transaction, and processing continues with
 * the next record: one record never stops an application, and a restart never replays it into a crash.
 *
 * <p>A failure in a punctuation has no source record: it is logged, and the next punctuation runs as scheduled.
 * A failing state store ({@link ProcessorStateException}) is no fault of the record: that one stops the stream
 * thread, as before, rather than dead-letter every record while the store is broken. Exceptions in the global
 * thread never reach this handler (Kafka Streams 4.2 applies it to stream tasks only).
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private final DeadLetterRouter router = new DeadLetterRouter();

    @Override
    public void configure(Map<String, ?> configs) {
        router.configure(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (exception instanceof ProcessorStateException) {
            LOG.error("state store failure in processor={}: the stream thread stops", context.processorNodeId());
            return Response.fail();
        }
        return Response.resume(router.route(DeadLetter.Stage.PROCESSING, context, exception,
                FailureReasons.of(exception)));
    }
}
