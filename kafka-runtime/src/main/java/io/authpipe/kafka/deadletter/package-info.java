/**
 * What every Authpipe Streams application does with a record it cannot handle: it goes to the dead-letter topic
 * ({@code authpipe.dead-letters}) as it came, with {@link io.authpipe.kafka.deadletter.DeadLetterHeaders} saying why
 * and where from, and processing continues.
 *
 * <p>{@link io.authpipe.kafka.StreamsSettings} installs the three handlers for every application:
 * {@link io.authpipe.kafka.deadletter.DeadLetterDeserializationHandler} (unreadable key or value),
 * {@link io.authpipe.kafka.deadletter.DeadLetterProcessingHandler} (a processor refused the record with a
 * {@link io.authpipe.kafka.deadletter.RecordRejectedException}, or failed on it) and
 * {@link io.authpipe.kafka.deadletter.DeadLetterProductionHandler} (an output that cannot be serialised). Dead
 * letters of stream tasks are sent in the task's transaction (Kafka Streams' KIP-1034 support); those of the global
 * thread through {@link io.authpipe.kafka.deadletter.GlobalDeadLetters}. Consumers read the headers with
 * {@link io.authpipe.kafka.deadletter.DeadLetter#fromHeaders}.
 */
package io.authpipe.kafka.deadletter;
