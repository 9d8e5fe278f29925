package io.authpipe.mastodon;

import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.mastodon.internal.JsonResponse;
import java.time.Instant;

/** Classifies a {@code verify_credentials} answer by status (MASTODON.md §4, §10). */
final class VerifyOutcomes {
    private static final String OUTSIDE_SCOPES = "This action is outside the authorized scopes";

    private VerifyOutcomes() {
    }

    static VerifyOutcome classify(JsonResponse response, InstanceAddress instance, String localDomain, Instant now) {
        return switch (response.status()) {
            case 200 -> AccountReader.read(response.body(), instance, localDomain);
            case 401 -> new VerifyOutcome.InvalidToken();
            case 403 -> forbidden(response);
            case 422 -> new VerifyOutcome.NotAUserToken();
            case 429 -> new VerifyOutcome.Throttled(response.rateLimitReset(now));
            default -> {
                response.requireOk();
                throw new IllegalStateException("unreachable");
            }
        };
    }

    /**
     * A scope refusal says so in {@code WWW-Authenticate} ({@code insufficient_scope}, Mastodon 4.6+); before that
     * only its body tells, with Mastodon's hard-coded (never localised) text (MASTODON.md §4).
     */
    private static VerifyOutcome.Forbidden forbidden(JsonResponse response) {
        String message = response.body().path("error").asText("");
        boolean scopes = response.authenticateError().map("insufficient_scope"::equals)
                .orElse(OUTSIDE_SCOPES.equals(message));
        return new VerifyOutcome.Forbidden(message, scopes);
    }
}
