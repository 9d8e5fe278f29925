package io.authpipe.kafka.deadletter;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the dead-letter handlers share: their configuration, the dead letter of a failure, and where it goes — back
 * to Kafka Streams (sent in the task's transaction), to {@link GlobalDeadLetters} for the global thread, or only to
 * the log when there is no source record (a punctuation) or no dead-letter topic is configured.
 */
final class DeadLetterRouter {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRouter.class);

    private String application = "(unknown)";
    private String topic;
    private GlobalDeadLetters global;

    void configure(Map<String, ?> configs) {
        Object id = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        application = id == null ? application : id.toString();
        Object name = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        topic = name == null || name.toString().isBlank() ? null : name.toString();
        global = configs.get(GlobalDeadLetters.CONFIG) instanceof GlobalDeadLetters sender ? sender : null;
    }

    /**
     * Logs the failure and returns the dead letters Kafka Streams should send: one, or none when there is no source
     * record, no dead-letter topic, or the global thread failed (then {@link GlobalDeadLetters} sends it).
     */
    List<ProducerRecord<byte[], byte[]>> route(DeadLetter.Stage stage, ErrorHandlerContext context,
                                               Exception exception, String reason) {
        if (context.topic() == null) {
            LOG.warn("{} failed outside any record application={} processor={} reason={}",
                    stage.headerValue(), application, context.processorNodeId(), reason, exception);
            return List.of();
        }
        DeadLetter letter = new DeadLetter(application, stage, context.topic(), context.partition(), context.offset(),
                Optional.ofNullable(context.processorNodeId()), exception.getClass().getName(), reason);
        log(letter, exception);
        if (topic == null) {
            return List.of();
        }
        ProducerRecord<byte[], byte[]> record = letter.toRecord(topic, context.sourceRawKey(),
                context.sourceRawValue(), context.headers(), context.timestamp());
        if (isGlobal(context.taskId())) {
            if (global != null) {
                global.send(record);
            }
            return List.of();
        }
        return List.of(record);
    }

    /** The global thread's tasks have the id {@code -1_-1}. */
    private static boolean isGlobal(TaskId task) {
        return task != null && task.subtopology() < 0;
    }

    private static void log(DeadLetter letter, Exception exception) {
        boolean expected = letter.stage() == DeadLetter.Stage.DESERIALIZATION
                || exception instanceof RecordRejectedException;
        String format = "dead letter application={} stage={} topic={} partition={} offset={} processor={} reason={}";
        Object[] args = {letter.application(), letter.stage().headerValue(), letter.sourceTopic(),
                letter.sourcePartition(), letter.sourceOffset(), letter.processor().orElse("-"), letter.reason()};
        if (expected) {
            LOG.warn(format, args);
        } else {
            Object[] withCause = java.util.Arrays.copyOf(args, args.length + 1);
            withCause[args.length] = exception;
            LOG.warn(format, withCause);
        }
    }
}
