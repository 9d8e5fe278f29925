/**
 * Authpipe's Kafka runtime: an in-process single-node KRaft broker ({@link io.authpipe.kafka.EmbeddedKafka}),
 * declarative topic creation ({@link io.authpipe.kafka.TopicSpec}, {@link io.authpipe.kafka.TopicAdmin}),
 * typed client and Streams settings ({@link io.authpipe.kafka.KafkaConnection},
 * {@link io.authpipe.kafka.StreamsSettings}) and a Streams starter that waits for {@code RUNNING}
 * ({@link io.authpipe.kafka.StreamsRunner}). Every application sends what it cannot handle to the dead-letter topic
 * and continues ({@code io.authpipe.kafka.deadletter}).
 *
 * <p>Infrastructure failures surface as {@link io.authpipe.kafka.KafkaRuntimeException}. Everything under
 * {@code io.authpipe.kafka.internal} is not API.
 */
package io.authpipe.kafka;
