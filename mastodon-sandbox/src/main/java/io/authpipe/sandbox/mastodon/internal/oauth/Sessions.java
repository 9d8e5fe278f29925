package io.authpipe.sandbox.mastodon.internal.oauth;

import io.authpipe.sandbox.mastodon.internal.state.Account;
import io.authpipe.sandbox.mastodon.internal.state.AccountStatus;
import io.authpipe.sandbox.mastodon.internal.state.SandboxState;
import io.authpipe.sandbox.mastodon.internal.state.SecureTokens;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side browser sessions keyed by a random, HttpOnly {@code _mastodon_session} cookie. Signing in rotates the
 * session id (as Devise does) and keeps the stored return location.
 */
public final class Sessions {

    static final String COOKIE = "_mastodon_session";

    private final SandboxState state;
    private final Map<String, Session> byId = new ConcurrentHashMap<>();

    /** Sessions whose accounts live in {@code state}. */
    public Sessions(SandboxState state) {
        this.state = state;
    }

    Optional<Session> current(Context ctx) {
        String id = ctx.cookie(COOKIE);
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    Session currentOrNew(Context ctx) {
        return current(ctx).orElseGet(() -> start(ctx, null, null));
    }

    /** The signed-in account, unless it was deleted meanwhile. */
    Optional<Account> signedIn(Context ctx) {
        return current(ctx).map(Session::accountId)
                .flatMap(state.accounts()::byId)
                .filter(account -> account.status() != AccountStatus.DELETED);
    }

    void save(Session session) {
        byId.put(session.id(), session);
    }

    /** Replaces the current session by a signed-in one; returns where to go next (or {@code null}). */
    String signIn(Context ctx, Account account) {
        Optional<Session> old = current(ctx);
        old.ifPresent(session -> byId.remove(session.id()));
        return start(ctx, account.id(), old.map(Session::returnTo).orElse(null)).returnTo();
    }

    private Session start(Context ctx, Long accountId, String returnTo) {
        Session session = new Session(SecureTokens.urlsafe32(), accountId, returnTo, SecureTokens.urlsafe32());
        save(session);
        ctx.header("Set-Cookie", COOKIE + "=" + session.id() + "; path=/; HttpOnly; SameSite=Lax");
        return session;
    }
}
