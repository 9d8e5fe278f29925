package io.authpipe.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.core.secret.Secret;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Parses a token endpoint success body (RFC 6749 §5.1). */
final class TokenGrants {
    private TokenGrants() {
    }

    static TokenGrant parse(JsonNode body, Instant now) {
        Instant createdAt = MastodonClient.epochSeconds(body.path("created_at"), now);
        Optional<Instant> expiresAt = body.path("expires_in").isNumber()
                ? Optional.of(now.plusSeconds(body.path("expires_in").asLong()))
                : Optional.empty();
        Optional<Secret> refresh = body.hasNonNull("refresh_token")
                ? Optional.of(Secret.of(body.path("refresh_token").asText())) : Optional.empty();
        return new TokenGrant(Secret.of(body.path("access_token").asText()),
                body.path("token_type").asText("Bearer"), scopes(body.path("scope").asText("")),
                createdAt, expiresAt, refresh);
    }

    private static List<String> scopes(String scope) {
        return Arrays.stream(scope.split("\\s+")).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
