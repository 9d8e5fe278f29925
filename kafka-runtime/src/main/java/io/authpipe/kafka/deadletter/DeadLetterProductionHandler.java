package io.authpipe.kafka.deadletter;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * A record a processor produced that cannot be serialised is dropped and the source record that led to it goes to
 * the dead-letter topic, naming the output topic in the reason; processing continues. Failures to send are handled
 * as Kafka Streams' default handler does (retry what is retriable, else fail): they are the broker's, not the
 * record's.
 */
public final class DeadLetterProductionHandler extends DefaultProductionExceptionHandler {
    private final DeadLetterRouter router = new DeadLetterRouter();

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        router.configure(configs);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        String reason = "a record for " + record.topic() + " could not be serialised ("
                + origin.name().toLowerCase(java.util.Locale.ROOT) + "): " + FailureReasons.of(exception);
        return Response.resume(router.route(DeadLetter.Stage.PRODUCTION, context, exception, reason));
    }
}
