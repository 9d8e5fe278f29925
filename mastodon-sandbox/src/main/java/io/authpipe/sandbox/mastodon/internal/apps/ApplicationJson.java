package io.authpipe.sandbox.mastodon.internal.apps;

import io.authpipe.sandbox.mastodon.MastodonVersion;
import io.authpipe.sandbox.mastodon.internal.state.Application;
import io.authpipe.sandbox.mastodon.internal.web.JsonObject;
import java.util.Map;

/**
 * {@code REST::CredentialApplicationSerializer} (registration) and {@code REST::ApplicationSerializer}
 * ({@code apps/verify_credentials}) per version ({@code MASTODON.md} §1, §4). {@code scopes}, {@code redirect_uris}
 * and {@code client_secret_expires_at} exist from 4.3; the credential fields only at registration.
 */
final class ApplicationJson {

    private ApplicationJson() {
    }

    /** The registration response. */
    static Map<String, Object> credentialApplication(Application app, MastodonVersion version, String vapidKey) {
        boolean extended = version.hasExtendedApplicationEntity();
        return JsonObject.create()
                .with("id", String.valueOf(app.id()))
                .with("name", app.name())
                .with("website", app.website())
                .withIf(extended, "scopes", app.scopes().values())
                .withIf(extended, "redirect_uris", app.redirectUris())
                .with("vapid_key", vapidKey)
                .with("redirect_uri", app.rawRedirectUri())
                .with("client_id", app.clientId())
                .with("client_secret", app.clientSecret())
                .withIf(extended, "client_secret_expires_at", 0)
                .toMap();
    }

    /** The {@code apps/verify_credentials} body: never the client credentials. */
    static Map<String, Object> application(Application app, MastodonVersion version, String vapidKey) {
        if (!version.hasExtendedApplicationEntity()) {
            return JsonObject.create().with("name", app.name()).with("website", app.website())
                    .with("vapid_key", vapidKey).toMap();
        }
        return JsonObject.create()
                .with("id", String.valueOf(app.id()))
                .with("name", app.name())
                .with("website", app.website())
                .with("scopes", app.scopes().values())
                .with("redirect_uris", app.redirectUris())
                .with("vapid_key", vapidKey)
                .with("redirect_uri", app.rawRedirectUri())
                .toMap();
    }
}
