package io.authpipe.sandbox.mastodon.internal.oauth;

import io.authpipe.sandbox.mastodon.internal.state.AccessGrant;
import io.authpipe.sandbox.mastodon.internal.state.Account;
import io.authpipe.sandbox.mastodon.internal.state.SandboxState;
import io.authpipe.sandbox.mastodon.internal.state.TokenRequest;
import io.authpipe.sandbox.mastodon.internal.web.Html;
import io.authpipe.sandbox.mastodon.internal.web.Json;
import io.authpipe.sandbox.mastodon.internal.web.Params;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /oauth/authorize} ({@code MASTODON.md} §2): GET shows consent (or signs in first, or auto-approves);
 * POST approves; DELETE, or POST with {@code _method=delete}, denies. Errors are HTML pages, never redirects.
 */
public final class AuthorizeHandler {

    private final SandboxState state;
    private final Sessions sessions;
    private final PreAuthorization preAuthorization;

    /** Authorizes against {@code state}. */
    public AuthorizeHandler(SandboxState state, Sessions sessions) {
        this.state = state;
        this.sessions = sessions;
        this.preAuthorization = new PreAuthorization(state);
    }

    /** {@code GET /oauth/authorize}: parameters are not validated before sign-in (§2 "Flow", 1). */
    public void show(Context ctx) {
        Optional<Account> account = sessions.signedIn(ctx);
        if (account.isEmpty()) {
            String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
            sessions.save(sessions.currentOrNew(ctx).withReturnTo(ctx.path() + query));
            ctx.redirect(state.baseUrl() + "/auth/sign_in", HttpStatus.FOUND);
            return;
        }
        onValid(ctx, account.get(), AuthorizeParams.from(Params.of(ctx)), this::approveOrAsk);
    }

    /** {@code POST /oauth/authorize}: approve, or deny when {@code _method=delete}. */
    public void post(Context ctx) {
        Params params = Params.of(ctx);
        boolean deny = "delete".equalsIgnoreCase(params.string("_method"));
        submit(ctx, params, deny ? this::deny : this::approve);
    }

    /** {@code DELETE /oauth/authorize}: deny. */
    public void delete(Context ctx) {
        submit(ctx, Params.of(ctx), this::deny);
    }

    /** {@code GET /oauth/authorize/native}. */
    public void nativeCode(Context ctx) {
        AuthorizationPages.nativeCode(ctx);
    }

    private void submit(Context ctx, Params params, Action action) {
        Optional<Account> account = sessions.signedIn(ctx);
        if (account.isEmpty()) {
            ctx.redirect(state.baseUrl() + "/auth/sign_in", HttpStatus.FOUND);
        } else if (CsrfCheck.verify(ctx, sessions.current(ctx), params)) {
            onValid(ctx, account.get(), AuthorizeParams.from(params), action);
        }
    }

    private void onValid(Context ctx, Account account, AuthorizeParams params, Action next) {
        if (account.unavailable()) {
            ctx.redirect(state.baseUrl() + "/auth/edit", HttpStatus.FOUND);
            return;
        }
        AuthorizeDecision decision = preAuthorization.validate(params);
        if (decision instanceof AuthorizeDecision.Invalid invalid) {
            AuthorizationPages.error(ctx, invalid.error());
        } else if (decision instanceof AuthorizeDecision.Valid valid) {
            next.run(ctx, valid.preAuth(), account);
        }
    }

    private void approveOrAsk(Context ctx, PreAuth preAuth, Account account) {
        boolean matching = state.tokens().findActive(new TokenRequest(preAuth.app().id(), account.id(),
                preAuth.scopes()), state.now()).isPresent();
        if (matching && !preAuth.forceLogin()) {
            approve(ctx, preAuth, account);
        } else {
            String csrf = sessions.current(ctx).orElseThrow().csrfToken();
            Html.send(ctx, 200, ConsentPage.render(preAuth, account, csrf));
        }
    }

    private void approve(Context ctx, PreAuth preAuth, Account account) {
        AccessGrant grant = state.grants().create(preAuth.app().id(), account.id(), preAuth.redirectUri(),
                preAuth.scopes(), preAuth.codeChallenge(), preAuth.codeChallengeMethod(), state.now());
        if (preAuth.isOob()) {
            ctx.redirect(state.baseUrl() + "/oauth/authorize/native?code=" + grant.code(), HttpStatus.FOUND);
        } else if (preAuth.responseMode().equals("form_post")) {
            AuthorizationPages.formPost(ctx, preAuth.redirectUri(), Map.of("code", grant.code(),
                    "state", preAuth.state() == null ? "" : preAuth.state()));
        } else {
            ctx.redirect(AuthorizationRedirects.success(preAuth, grant.code()), HttpStatus.FOUND);
        }
    }

    /** §2 "Flow", 7: OOB denials cannot be redirected and get Doorkeeper's JSON error with 400 (derived). */
    private void deny(Context ctx, PreAuth preAuth, Account account) {
        if (preAuth.isOob()) {
            Json.send(ctx, 400, Map.of("error", "access_denied",
                    "error_description", AuthorizationRedirects.DENIED_DESCRIPTION));
        } else if (preAuth.responseMode().equals("form_post")) {
            AuthorizationPages.formPost(ctx, preAuth.redirectUri(), Map.of("error", "access_denied",
                    "error_description", AuthorizationRedirects.DENIED_DESCRIPTION,
                    "state", preAuth.state() == null ? "" : preAuth.state()));
        } else {
            ctx.redirect(AuthorizationRedirects.denied(preAuth), HttpStatus.FOUND);
        }
    }

    /** One step of the flow once the user is signed in and the request is valid. */
    @FunctionalInterface
    private interface Action {
        void run(Context ctx, PreAuth preAuth, Account account);
    }
}
