package io.authpipe.broker.http;

import io.authpipe.broker.api.ApiProblem;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;

/** Writes {@link ApiProblem}s: status, JSON body, and {@code Retry-After} when the problem has a retry time. */
final class Answers {
    private final Clock clock;

    Answers(Clock clock) {
        this.clock = clock;
    }

    void problem(Context ctx, ApiProblem problem) {
        problem.retryAt().ifPresent(at -> ctx.header("Retry-After",
                Long.toString(Math.max(1, Duration.between(clock.instant(), at).toSeconds()))));
        ctx.status(problem.status()).json(Views.problem(problem));
    }
}
