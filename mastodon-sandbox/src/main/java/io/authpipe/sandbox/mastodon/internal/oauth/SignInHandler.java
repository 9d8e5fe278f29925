package io.authpipe.sandbox.mastodon.internal.oauth;

import io.authpipe.sandbox.mastodon.internal.state.Account;
import io.authpipe.sandbox.mastodon.internal.state.SandboxState;
import io.authpipe.sandbox.mastodon.internal.web.Html;
import io.authpipe.sandbox.mastodon.internal.web.Params;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;

/**
 * Devise's sign-in page: {@code GET /auth/sign_in} renders a form posting {@code user[email]} (username or e-mail)
 * and {@code user[password]}; a good {@code POST} signs in and 302s back to the stored authorize URL, a bad one
 * re-renders the form with "Invalid E-mail address or password." (200, like Devise).
 */
public final class SignInHandler {

    private final SandboxState state;
    private final Sessions sessions;

    /** Signs users of {@code state} in. */
    public SignInHandler(SandboxState state, Sessions sessions) {
        this.state = state;
        this.sessions = sessions;
    }

    /** {@code GET /auth/sign_in}. */
    public void show(Context ctx) {
        Html.send(ctx, 200, form(sessions.currentOrNew(ctx), null));
    }

    /** {@code POST /auth/sign_in}. */
    public void create(Context ctx) {
        Params params = Params.of(ctx);
        if (!CsrfCheck.verify(ctx, sessions.current(ctx), params)) {
            return;
        }
        Optional<Account> account = state.accounts()
                .forSignIn(params.string("user[email]"), params.string("user[password]"));
        if (account.isEmpty()) {
            Html.send(ctx, 200, form(sessions.currentOrNew(ctx), "Invalid E-mail address or password."));
            return;
        }
        String returnTo = sessions.signIn(ctx, account.get());
        ctx.redirect(state.baseUrl() + (returnTo == null ? "/" : returnTo), HttpStatus.FOUND);
    }

    /** {@code GET /auth/edit}: where non-functional (suspended) users land instead of the consent page. */
    public void edit(Context ctx) {
        Html.send(ctx, 200, Html.page("Account", "<div class=\"flash-message alert\">"
                + "Your account is currently suspended or disabled.</div>"));
    }

    /** {@code GET /}: a landing page showing who is signed in. */
    public void home(Context ctx) {
        String who = sessions.signedIn(ctx).map(account -> "Signed in as @" + Html.escape(account.username()))
                .orElse("Not signed in. <a href=\"/auth/sign_in\">Sign in</a>");
        Html.send(ctx, 200, Html.page("Mastodon sandbox", "<p>" + who + "</p>\n<p><a href=\"/_sandbox\">"
                + "Sandbox help</a></p>"));
    }

    private static String form(Session session, String error) {
        String alert = error == null ? "" : "<div class=\"flash-message alert\">" + Html.escape(error) + "</div>\n";
        return Html.page("Log in", alert
                + "<form method=\"post\" action=\"/auth/sign_in\" class=\"simple_form new_user\">\n"
                + Html.hidden("authenticity_token", session.csrfToken())
                + "<label>E-mail address <input type=\"text\" name=\"user[email]\" autocomplete=\"username\"></label>\n"
                + "<label>Password <input type=\"password\" name=\"user[password]\"></label>\n"
                + "<button type=\"submit\">Log in</button>\n</form>");
    }
}
