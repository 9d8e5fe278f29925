package io.authpipe.sandbox.mastodon.internal.api;

import io.authpipe.sandbox.mastodon.internal.state.AccessToken;
import io.authpipe.sandbox.mastodon.internal.state.Account;
import io.authpipe.sandbox.mastodon.internal.web.Json;
import io.authpipe.sandbox.mastodon.internal.web.WwwAuthenticate;
import io.javalin.http.Context;
import java.util.Optional;

/** The outcome of the checks {@code Api::BaseController} runs before an endpoint. */
public sealed interface ApiAccess {

    /**
     * The request may proceed.
     *
     * @param token   the presented, active token
     * @param account its owner, empty for an app token
     */
    record Granted(AccessToken token, Optional<Account> account) implements ApiAccess {
    }

    /**
     * The request is refused with a Mastodon JSON error.
     *
     * @param status          HTTP status
     * @param error           the {@code error} text of the body
     * @param wwwAuthenticate the {@code WWW-Authenticate} value, or {@code null} for none
     */
    record Denied(int status, String error, String wwwAuthenticate) implements ApiAccess {

        /** Writes the refusal. */
        public void send(Context ctx) {
            if (wwwAuthenticate != null) {
                WwwAuthenticate.set(ctx, wwwAuthenticate);
            }
            Json.error(ctx, status, error);
        }
    }
}
