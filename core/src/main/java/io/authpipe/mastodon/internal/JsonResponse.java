package io.authpipe.mastodon.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.mastodon.InstanceUnavailableException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** An HTTP answer from an instance with a JSON body (empty object when there was none). */
public record JsonResponse(InstanceAddress instance, int status, JsonNode body, String rateLimitResetHeader) {

    /** The body of a 2xx answer; anything else is an unexpected answer that says nothing about the request. */
    public JsonNode requireOk() {
        if (status >= 200 && status < 300) {
            return body;
        }
        throw new InstanceUnavailableException(instance.origin() + " answered HTTP " + status);
    }

    /**
     * When a throttle window ends: Mastodon's {@code X-RateLimit-Reset} is ISO 8601 with microseconds, not epoch
     * seconds (MASTODON.md §8). Without a usable header, five minutes after {@code now}.
     */
    public Instant rateLimitReset(Instant now) {
        if (rateLimitResetHeader != null) {
            try {
                return Instant.parse(rateLimitResetHeader);
            } catch (DateTimeParseException e) {
                // fall through
            }
        }
        return now.plusSeconds(300);
    }
}
