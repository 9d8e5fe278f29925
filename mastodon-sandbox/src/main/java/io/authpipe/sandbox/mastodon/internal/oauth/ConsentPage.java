package io.authpipe.sandbox.mastodon.internal.oauth;

import io.authpipe.sandbox.mastodon.internal.state.Account;
import io.authpipe.sandbox.mastodon.internal.web.Html;

/**
 * The consent screen: an approve form ({@code POST /oauth/authorize}) and a deny form carrying
 * {@code _method=delete} (Rails' way to send {@code DELETE /oauth/authorize} from HTML), both with the request as
 * hidden fields ({@code MASTODON.md} §2 "Flow", 5).
 */
final class ConsentPage {

    private ConsentPage() {
    }

    static String render(PreAuth preAuth, Account account, String csrfToken) {
        StringBuilder scopes = new StringBuilder("<ul class=\"scopes\">\n");
        preAuth.scopes().values().forEach(scope -> scopes.append("<li>").append(Html.escape(scope)).append("</li>\n"));
        scopes.append("</ul>\n");
        return Html.page("Authorization required", "<h1>Authorization required</h1>\n<p><strong>"
                + Html.escape(preAuth.app().name()) + "</strong> would like permission to access your account "
                + "<strong>@" + Html.escape(account.username()) + "</strong>.</p>\n" + scopes
                + form(preAuth, csrfToken, false, "Authorize")
                + form(preAuth, csrfToken, true, "Deny"));
    }

    private static String form(PreAuth preAuth, String csrfToken, boolean deny, String button) {
        return "<form method=\"post\" action=\"/oauth/authorize\">\n"
                + (deny ? Html.hidden("_method", "delete") : "")
                + Html.hidden("authenticity_token", csrfToken)
                + Html.hidden("client_id", preAuth.app().clientId())
                + Html.hidden("redirect_uri", preAuth.redirectUri())
                + Html.hidden("state", nullToEmpty(preAuth.state()))
                + Html.hidden("response_type", "code")
                + Html.hidden("response_mode", preAuth.responseMode())
                + Html.hidden("scope", preAuth.scopes().asString())
                + Html.hidden("code_challenge", nullToEmpty(preAuth.codeChallenge()))
                + Html.hidden("code_challenge_method", nullToEmpty(preAuth.codeChallengeMethod()))
                + "<button type=\"submit\" class=\"" + (deny ? "negative" : "positive") + "\">" + button
                + "</button>\n</form>\n";
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
