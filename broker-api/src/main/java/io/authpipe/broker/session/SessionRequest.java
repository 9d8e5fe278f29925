package io.authpipe.broker.session;

import java.util.List;
import java.util.Optional;

/**
 * {@code POST /v1/connect-sessions} as it arrived, before validation.
 *
 * @param provider       the provider, {@code mastodon} when absent
 * @param instance       the server to connect; absent to let the user choose on the connect page
 * @param scopes         the scopes; {@code read} when absent
 * @param allowedOrigins the origins of the pages that may open the flow and receive its result
 * @param returnTo       a registered return URL, for redirect mode
 * @param expiresIn      how long the session lives, at most (and by default) 30 minutes
 */
public record SessionRequest(String userId, Optional<String> provider, Optional<String> instance,
                             Optional<List<String>> scopes, List<String> allowedOrigins, Optional<String> returnTo,
                             Optional<java.time.Duration> expiresIn) {
}
