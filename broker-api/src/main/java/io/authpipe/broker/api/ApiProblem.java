package io.authpipe.broker.api;

import java.time.Instant;
import java.util.Optional;

/**
 * An error the API answers with: HTTP status, a stable machine-readable {@code error} code, and a message fit to
 * show a developer. Never contains a secret. {@code retryAt} becomes a {@code Retry-After} header.
 */
public record ApiProblem(int status, String error, String message, Optional<Instant> retryAt) {

    public static ApiProblem of(int status, String error, String message) {
        return new ApiProblem(status, error, message, Optional.empty());
    }

    public static ApiProblem badRequest(String error, String message) {
        return of(400, error, message);
    }

    public static ApiProblem notFound(String error, String message) {
        return of(404, error, message);
    }

    public static ApiProblem unavailable(String error, String message, Instant retryAt) {
        return new ApiProblem(503, error, message, Optional.of(retryAt));
    }

    /** 429 {@code rate_limited}: the caller spent its budget; {@code retryAt} becomes {@code Retry-After}. */
    public static ApiProblem rateLimited(String message, Instant retryAt) {
        return new ApiProblem(429, "rate_limited", message, Optional.of(retryAt));
    }

    /** Thrown by handlers to answer with the problem; mapped to a JSON body by the HTTP layer. */
    public ApiException toException() {
        return new ApiException(this);
    }

    /** Carries an {@link ApiProblem} out of a handler. Its message is the problem's, which is secret-free. */
    public static final class ApiException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ApiProblem problem;

        ApiException(ApiProblem problem) {
            super(problem.error() + ": " + problem.message(), null, false, false);
            this.problem = problem;
        }

        public ApiProblem problem() {
            return problem;
        }
    }
}
