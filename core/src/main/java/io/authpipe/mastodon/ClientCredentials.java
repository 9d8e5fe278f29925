package io.authpipe.mastodon;

import io.authpipe.core.secret.Secret;

/** An app's {@code client_id} (public) and {@code client_secret} (secret) on one server. */
public record ClientCredentials(String clientId, Secret clientSecret) {
}
