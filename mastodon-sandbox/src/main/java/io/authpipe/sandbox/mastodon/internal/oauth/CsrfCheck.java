package io.authpipe.sandbox.mastodon.internal.oauth;

import io.authpipe.sandbox.mastodon.internal.web.Html;
import io.authpipe.sandbox.mastodon.internal.web.Params;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Rails' {@code protect_from_forgery}: a form POST must carry the session's {@code authenticity_token}; otherwise
 * Mastodon answers 422 "The change you wanted was rejected."
 */
final class CsrfCheck {

    private CsrfCheck() {
    }

    /** Whether the request's token matches; writes the 422 page when it does not. */
    static boolean verify(Context ctx, Optional<Session> session, Params params) {
        String sent = params.string("authenticity_token");
        boolean valid = session.isPresent() && sent != null && MessageDigest.isEqual(
                sent.getBytes(StandardCharsets.UTF_8), session.get().csrfToken().getBytes(StandardCharsets.UTF_8));
        if (!valid) {
            Html.send(ctx, 422, Html.page("The change you wanted was rejected",
                    "<h1>The change you wanted was rejected.</h1>\n"
                            + "<p>Maybe you tried to change something you didn't have access to.</p>"));
        }
        return valid;
    }
}
