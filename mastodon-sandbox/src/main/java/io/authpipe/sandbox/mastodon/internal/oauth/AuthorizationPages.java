package io.authpipe.sandbox.mastodon.internal.oauth;

import io.authpipe.sandbox.mastodon.internal.web.Html;
import io.javalin.http.Context;
import java.util.Map;

/** The other HTML answers of the authorize flow: the error page, the OOB code page and {@code form_post}. */
final class AuthorizationPages {

    private AuthorizationPages() {
    }

    /** Mastodon's {@code oauth/authorizations/error}: a title and the {@code error_description} only (§2). */
    static void error(Context ctx, AuthorizeError error) {
        Html.send(ctx, error.status(), Html.page("An error has occurred", "<div class=\"form-container\">\n"
                + "<div class=\"flash-message\"><h2>An error has occurred</h2>\n<p class=\"error-description\">"
                + Html.escape(error.description()) + "</p></div>\n</div>"));
    }

    /** {@code GET /oauth/authorize/native?code=…}: shows the code for copying (OOB clients). */
    static void nativeCode(Context ctx) {
        String code = ctx.queryParam("code");
        Html.send(ctx, 200, Html.page("Authorization code", "<h1>Authorization code</h1>\n"
                + "<p>Copy this authorization code and paste it to the application.</p>\n"
                + "<input type=\"text\" readonly id=\"authorization_code\" value=\"" + Html.escape(code) + "\">"));
    }

    /** {@code response_mode=form_post}: a page that auto-submits the parameters to the client. */
    static void formPost(Context ctx, String redirectUri, Map<String, String> params) {
        StringBuilder fields = new StringBuilder();
        params.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                fields.append(Html.hidden(name, value));
            }
        });
        Html.send(ctx, 200, Html.page("Submit this form", "<form method=\"post\" action=\""
                + Html.escape(redirectUri) + "\" id=\"form_post\">\n" + fields
                + "<button type=\"submit\">Continue</button>\n</form>\n"
                + "<script>document.getElementById('form_post').submit();</script>"));
    }
}
