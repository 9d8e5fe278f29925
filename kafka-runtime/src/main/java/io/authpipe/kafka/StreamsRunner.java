package io.authpipe.kafka;

import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a {@link KafkaStreams} instance and returns it once it is {@code RUNNING}; if it fails first
 * ({@code PENDING_ERROR}, {@code ERROR}, a shutdown) or the deadline passes, it closes the instance and throws a
 * {@link KafkaRuntimeException} naming the state and, when known, the exception that killed it.
 */
public final class StreamsRunner {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<State> FAILED = Set.of(State.PENDING_ERROR, State.ERROR, State.PENDING_SHUTDOWN, State.NOT_RUNNING);

    private StreamsRunner() {
    }

    /**
     * Builds, starts and awaits a Streams application. It installs the state listener and an uncaught-exception
     * handler that remembers the failure (as the cause of the exception thrown here) and shuts the client down
     * ({@code SHUTDOWN_CLIENT}, the Streams default; Streams itself logs the exception).
     *
     * @return the running instance; the caller closes it
     * @throws KafkaRuntimeException if it is not {@code RUNNING} within {@code timeout}, or fails before
     */
    public static KafkaStreams startAndAwaitRunning(Topology topology, Properties props, Duration timeout) {
        KafkaStreams streams = new KafkaStreams(topology, props);
        String applicationId = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        streams.setUncaughtExceptionHandler(e -> {
            failure.compareAndSet(null, e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        return awaitRunning(streams, applicationId, failure, timeout);
    }

    /**
     * Starts and awaits an instance the caller built (in state {@code CREATED}), for example with its own
     * uncaught-exception handler. It installs the state listener, replacing any set before.
     */
    public static KafkaStreams startAndAwaitRunning(KafkaStreams streams, Duration timeout) {
        return awaitRunning(streams, "(unnamed)", new AtomicReference<>(), timeout);
    }

    private static KafkaStreams awaitRunning(KafkaStreams streams, String applicationId,
                                             AtomicReference<Throwable> failure, Duration timeout) {
        CompletableFuture<State> settled = new CompletableFuture<>();
        streams.setStateListener((now, before) -> {
            LOG.debug("Streams application {}: {} -> {}", applicationId, before, now);
            if (now == State.RUNNING || FAILED.contains(now)) {
                settled.complete(now);
            }
        });
        long started = System.nanoTime();
        streams.start();
        State state = await(settled, streams, applicationId, timeout);
        if (state != State.RUNNING) {
            throw failed(streams, "Streams application " + applicationId + " went to " + state + " instead of RUNNING",
                    failure.get());
        }
        LOG.info("Streams application {} RUNNING after {} ms", applicationId,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return streams;
    }

    private static State await(CompletableFuture<State> settled, KafkaStreams streams, String applicationId,
                               Duration timeout) {
        try {
            return settled.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw failed(streams, "Streams application " + applicationId + " not RUNNING within " + timeout
                    + " (state " + streams.state() + ")", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(streams, "interrupted while starting Streams application " + applicationId, e);
        } catch (ExecutionException e) {
            throw failed(streams, "Streams application " + applicationId + " failed", e.getCause());
        }
    }

    private static KafkaRuntimeException failed(KafkaStreams streams, String message, Throwable cause) {
        streams.close(CLOSE_TIMEOUT);
        return new KafkaRuntimeException(message, cause);
    }
}
