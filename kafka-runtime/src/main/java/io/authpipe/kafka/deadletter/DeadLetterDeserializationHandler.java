package io.authpipe.kafka.deadletter;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * A record whose key or value cannot be read goes to the dead-letter topic (the Streams config
 * {@code errors.dead.letter.queue.topic.name}) with its bytes as they came and the {@link DeadLetterHeaders}, and
 * processing continues: the offset is committed past it, so a restart does not read it again.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
    private final DeadLetterRouter router = new DeadLetterRouter();

    @Override
    public void configure(Map<String, ?> configs) {
        router.configure(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        return Response.resume(router.route(DeadLetter.Stage.DESERIALIZATION, context, exception,
                FailureReasons.of(exception)));
    }
}
