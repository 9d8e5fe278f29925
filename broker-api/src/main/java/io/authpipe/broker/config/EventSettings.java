package io.authpipe.broker.config;

import io.authpipe.core.config.EnvReader;
import java.time.Duration;

/**
 * {@code GET /v1/events}: how the push channel treats its clients.
 *
 * @param heartbeat           a comment line this often on a quiet stream (proxies and clients see it is alive)
 * @param buffer              events queued for one client; a client that falls this far behind is cut off (it
 *                            resumes with {@code Last-Event-ID}) rather than held in memory
 * @param maxStreamsPerTenant open streams per tenant on this instance; more answer 429
 * @param catchUpTimeout      longest a resuming stream may take to read what it missed before it goes live
 */
public record EventSettings(Duration heartbeat, int buffer, int maxStreamsPerTenant, Duration catchUpTimeout) {

    static EventSettings fromEnv(EnvReader env) {
        return new EventSettings(
                HttpSettings.positive(env, "AUTHPIPE_EVENTS_HEARTBEAT", Duration.ofSeconds(15)),
                env.integer("AUTHPIPE_EVENTS_BUFFER", 1_000, 1, 1_000_000),
                env.integer("AUTHPIPE_EVENTS_MAX_STREAMS_PER_TENANT", 32, 1, 100_000),
                HttpSettings.positive(env, "AUTHPIPE_EVENTS_CATCH_UP_TIMEOUT", Duration.ofSeconds(10)));
    }
}
