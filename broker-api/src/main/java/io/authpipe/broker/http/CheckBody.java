package io.authpipe.broker.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.broker.api.ApiProblem;
import io.authpipe.events.CheckReason;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The optional body of {@code POST /v1/connections/{provider}/{userId}/check}:
 * {@code {"reason": "other"|"token_refused"|"forbidden"|"operator", "reportedStatus": 100..599}}, both fields
 * optional, {@code null} meaning absent. Without a reason, a reported 401 means {@code token_refused}, a 403
 * {@code forbidden}, anything else (or no body at all) {@code other}. Unknown fields are ignored, as in the API's
 * other bodies.
 */
record CheckBody(CheckReason reason, OptionalInt reportedStatus) {
    private static final List<String> REASONS = Arrays.stream(CheckReason.values())
            .map(r -> Views.lower(r.name())).toList();
    private static final int MIN_STATUS = 100;
    private static final int MAX_STATUS = 599;

    /** Reads the request's body; a blank body is the default request. Answers 400 or 415 when it is unusable. */
    static CheckBody read(Context ctx) {
        if (ctx.body().isBlank()) {
            return new CheckBody(CheckReason.OTHER, OptionalInt.empty());
        }
        JsonNode body = JsonBodies.object(ctx);
        Optional<CheckReason> reason = reason(body.get("reason"));
        OptionalInt status = reportedStatus(body.get("reportedStatus"));
        return new CheckBody(reason.orElseGet(() -> impliedBy(status)), status);
    }

    private static Optional<CheckReason> reason(JsonNode value) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || !REASONS.contains(value.asText())) {
            throw ApiProblem.badRequest("invalid_reason", "\"reason\" must be one of " + REASONS).toException();
        }
        return Optional.of(CheckReason.values()[REASONS.indexOf(value.asText())]);
    }

    private static OptionalInt reportedStatus(JsonNode value) {
        if (value == null || value.isNull()) {
            return OptionalInt.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()
                || value.intValue() < MIN_STATUS || value.intValue() > MAX_STATUS) {
            throw ApiProblem.badRequest("invalid_reported_status", "\"reportedStatus\" must be the HTTP status the "
                    + "provider answered, a whole number from " + MIN_STATUS + " to " + MAX_STATUS).toException();
        }
        return OptionalInt.of(value.intValue());
    }

    private static CheckReason impliedBy(OptionalInt status) {
        if (status.isEmpty()) {
            return CheckReason.OTHER;
        }
        return switch (status.getAsInt()) {
            case 401 -> CheckReason.TOKEN_REFUSED;
            case 403 -> CheckReason.FORBIDDEN;
            default -> CheckReason.OTHER;
        };
    }
}
