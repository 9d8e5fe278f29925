package io.authpipe.broker.http;

import io.authpipe.broker.api.ApiProblem;
import io.authpipe.broker.kafka.Publisher;
import io.authpipe.mastodon.InstanceUnavailableException;
import io.authpipe.vault.KmsKeyUnusableException;
import io.authpipe.vault.KmsUnavailableException;
import io.authpipe.vault.VaultCryptoException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Clock;
import java.util.Optional;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps what a route throws to the API's JSON errors. A dependency that failed mid-request is named, with
 * {@code Retry-After} where retrying helps: the key service {@code 503 kms_unavailable} (or
 * {@code kms_key_unusable}), Kafka {@code 503 kafka_unavailable}, a store between owners {@code 503
 * store_unavailable}, the Mastodon instance {@code 502 instance_unreachable}. These are found anywhere in the
 * cause chain, so a wrapped failure is named too. Anything else is {@code 500 internal_error} with a fixed
 * message: the exception's own text goes to the log (with its class), never to the caller.
 */
final class ErrorAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorAnswers.class);
    private static final int MAX_CAUSES = 16;

    private final Answers answers;
    private final Clock clock;

    ErrorAnswers(Answers answers, Clock clock) {
        this.answers = answers;
        this.clock = clock;
    }

    void register(Javalin app) {
        app.exception(ApiProblem.ApiException.class, (e, ctx) -> answers.problem(ctx, e.problem()));
        app.exception(HttpResponseException.class, (e, ctx) -> answers.problem(ctx, javalin(e, ctx)));
        app.exception(Exception.class, (e, ctx) -> answers.problem(ctx, problem(e, ctx)));
    }

    private static ApiProblem javalin(HttpResponseException e, Context ctx) {
        return switch (e.getStatus()) {
            case 404 -> ApiProblem.notFound("not_found", "no such endpoint: " + ctx.method() + " " + ctx.path());
            case 413 -> ApiProblem.of(413, "payload_too_large", "the body must be at most " + BodyLimit.MAX_BYTES
                    + " bytes");
            default -> ApiProblem.of(e.getStatus(), "http_" + e.getStatus(), e.getMessage());
        };
    }

    ApiProblem problem(Exception e, Context ctx) {
        Optional<ApiProblem> named = dependencyFailure(e);
        if (named.isPresent()) {
            LOG.warn("request failed on a dependency path={} error={} cause={}", ctx.path(), named.get().error(),
                    e.getClass().getName());
            return named.get();
        }
        LOG.error("request failed path={} cause={}", ctx.path(), e.getClass().getName(), e);
        return ApiProblem.of(500, "internal_error", "the request failed; see the broker logs");
    }

    private Optional<ApiProblem> dependencyFailure(Throwable e) {
        Throwable cause = e;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            Optional<ApiProblem> problem = named(cause);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private Optional<ApiProblem> named(Throwable cause) {
        if (cause instanceof ApiProblem.ApiException api) {
            return Optional.of(api.problem());
        }
        if (cause instanceof KmsUnavailableException) {
            return retry("kms_unavailable", "the key service (KMS) is unavailable; retry shortly");
        }
        if (cause instanceof KmsKeyUnusableException) {
            return Optional.of(ApiProblem.of(503, "kms_key_unusable",
                    "the tenant's KMS key cannot be used (disabled, pending deletion or missing)"));
        }
        if (cause instanceof VaultCryptoException) {
            return Optional.of(ApiProblem.of(500, "decryption_failed", "a stored secret could not be decrypted"));
        }
        if (cause instanceof InvalidStateStoreException) {
            return retry("store_unavailable", "the connection store is rebalancing; retry shortly");
        }
        if (cause instanceof Publisher.PublishException || cause instanceof KafkaException) {
            return retry("kafka_unavailable", "Kafka did not acknowledge the change in time; retry shortly");
        }
        if (cause instanceof InstanceUnavailableException) {
            return Optional.of(ApiProblem.of(502, "instance_unreachable", "the Mastodon instance did not answer "
                    + "usably; retry later"));
        }
        return Optional.empty();
    }

    private Optional<ApiProblem> retry(String error, String message) {
        return Optional.of(ApiProblem.unavailable(error, message, clock.instant().plusSeconds(1)));
    }
}
