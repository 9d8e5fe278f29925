package io.authpipe.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.mastodon.internal.JsonResponse;
import java.time.Instant;

/** Classifies a {@code verify_credentials} answer by status (MASTODON.md §4, §10). */
final class VerifyOutcomes {
    private VerifyOutcomes() {
    }

    static VerifyOutcome classify(JsonResponse response, String localDomain, Instant now) {
        return switch (response.status()) {
            case 200 -> new VerifyOutcome.Verified(account(response.body(), localDomain));
            case 401 -> new VerifyOutcome.InvalidToken();
            case 403 -> new VerifyOutcome.Forbidden(response.body().path("error").asText(""));
            case 422 -> new VerifyOutcome.NotAUserToken();
            case 429 -> new VerifyOutcome.Throttled(response.rateLimitReset(now));
            default -> {
                response.requireOk();
                throw new IllegalStateException("unreachable");
            }
        };
    }

    private static MastodonAccount account(JsonNode body, String localDomain) {
        String username = body.path("username").asText();
        String acct = body.path("acct").asText(username);
        String handle = acct.contains("@") ? acct : acct + "@" + localDomain;
        return new MastodonAccount(body.path("id").asText(), username, handle,
                body.path("url").asText(null), body.path("uri").asText(null), body.path("display_name").asText(null));
    }
}
