package io.authpipe.sandbox.mastodon.internal.operator;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.sandbox.mastodon.internal.state.Account;
import io.authpipe.sandbox.mastodon.internal.state.AccountStatus;
import io.authpipe.sandbox.mastodon.internal.state.SandboxState;
import io.authpipe.sandbox.mastodon.internal.web.Json;
import io.authpipe.sandbox.mastodon.internal.web.JsonObject;
import io.authpipe.sandbox.mastodon.internal.web.Params;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The operator endpoints under {@code /_sandbox} (JSON in and out, no auth, loopback clients only). They mirror
 * {@link OperatorActions}; responses carry usernames and counts, never token values.
 */
public final class OperatorHandlers {

    private final SandboxState state;
    private final OperatorActions actions;

    /** Serves {@code actions} over HTTP. */
    public OperatorHandlers(SandboxState state, OperatorActions actions) {
        this.state = state;
        this.actions = actions;
    }

    /** Before-handler: refuses non-loopback clients with 403. */
    public void requireLoopback(Context ctx) {
        if (!isLoopback(ctx.ip())) {
            Json.error(ctx, 403, "The sandbox operator endpoints only answer loopback clients");
            ctx.skipRemainingHandlers();
        }
    }

    /** {@code POST /_sandbox/accounts/{username}/revoke-tokens} → {@code {"username","revoked":n}}. */
    public void revokeTokens(Context ctx) {
        onUser(ctx, name -> result(name).with("revoked", actions.revokeTokensOf(name)));
    }

    /** {@code POST /_sandbox/accounts/{username}/suspend}. */
    public void suspend(Context ctx) {
        onUser(ctx, name -> {
            actions.suspend(name);
            return result(name).with("suspended", true);
        });
    }

    /** {@code POST /_sandbox/accounts/{username}/unsuspend}. */
    public void unsuspend(Context ctx) {
        onUser(ctx, name -> {
            actions.unsuspend(name);
            return result(name).with("suspended", false);
        });
    }

    /** {@code POST /_sandbox/accounts/{username}/delete}. */
    public void delete(Context ctx) {
        onUser(ctx, name -> {
            actions.deleteAccount(name);
            return result(name).with("deleted", true);
        });
    }

    /**
     * {@code PUT /_sandbox/accounts/{username}/profile} with a JSON object of account fields to misreport →
     * {@code {"username","misreported":[field names]}}; a body that is not a JSON object is a 400.
     */
    public void misreportProfile(Context ctx) {
        JsonNode body = Json.readTree(ctx.body());
        if (body == null || !body.isObject()) {
            Json.error(ctx, 400, "the body must be a JSON object of account fields");
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        body.fields().forEachRemaining(field -> fields.put(field.getKey(), Json.plain(field.getValue())));
        onUser(ctx, name -> {
            actions.misreportProfile(name, fields);
            return result(name).with("misreported", List.copyOf(fields.keySet()));
        });
    }

    /** {@code DELETE /_sandbox/accounts/{username}/profile}: the account is described truthfully again. */
    public void restoreProfile(Context ctx) {
        onUser(ctx, name -> {
            actions.misreportProfile(name, Map.of());
            return result(name).with("misreported", List.of());
        });
    }

    /** {@code POST /_sandbox/tokens/revoke} with {@code {"token":"…"}}. */
    public void revokeToken(Context ctx) {
        String token = Params.of(ctx).string("token");
        if (token == null || token.isBlank()) {
            Json.error(ctx, 400, "token is required");
            return;
        }
        Json.send(ctx, 200, Map.of("revoked", actions.revokeToken(token)));
    }

    /**
     * {@code POST /_sandbox/refreshes/fail} with {@code fault}, {@code times} and {@code seconds} (see
     * {@link RefreshFaultForm}) → {@code {"fault":"throttled","times":2}}; a bad parameter is a 400.
     */
    public void failRefreshes(Context ctx) {
        RefreshFaultForm form;
        try {
            form = RefreshFaultForm.parse(Params.of(ctx));
            actions.failRefreshes(form.fault(), form.times());
        } catch (IllegalArgumentException e) {
            Json.error(ctx, 400, e.getMessage());
            return;
        }
        Json.send(ctx, 200, JsonObject.create().with("fault", form.name()).with("times", form.times()).toMap());
    }

    /**
     * {@code GET /_sandbox/refreshes} →
     * {@code {"grants_received":n,"issued":n,"replays_detected":n,"faults_remaining":n}}.
     */
    public void refreshes(Context ctx) {
        Json.send(ctx, 200, JsonObject.create()
                .with("grants_received", actions.refreshGrantsReceived())
                .with("issued", actions.refreshesIssued())
                .with("replays_detected", actions.refreshReplaysDetected())
                .with("tokens_revoked", actions.tokensRevoked())
                .with("faults_remaining", state.refreshTraffic().faultsRemaining())
                .toMap());
    }

    /**
     * {@code POST /_sandbox/outage} with {@code kind} ({@code proxy_page}, {@code server_error} or
     * {@code bad_gateway}) → the outage state as in {@link #outage}; a missing or unknown kind is a 400.
     */
    public void startOutage(Context ctx) {
        try {
            actions.startOutage(OutageKinds.parse(Params.of(ctx).string("kind")));
        } catch (IllegalArgumentException e) {
            Json.error(ctx, 400, e.getMessage());
            return;
        }
        outage(ctx);
    }

    /** {@code DELETE /_sandbox/outage} → the outage state as in {@link #outage}. */
    public void endOutage(Context ctx) {
        actions.endOutage();
        outage(ctx);
    }

    /** {@code GET /_sandbox/outage} → {@code {"outage":"proxy_page","requests_during_outage":n}}, null when up. */
    public void outage(Context ctx) {
        Json.send(ctx, 200, JsonObject.create()
                .with("outage", state.outage().current().map(OutageKinds::nameOf).orElse(null))
                .with("requests_during_outage", actions.requestsDuringOutage())
                .toMap());
    }

    /** {@code GET /_sandbox/accounts}. */
    public void accounts(Context ctx) {
        List<Map<String, Object>> accounts = state.accounts().all().stream().map(this::describe).toList();
        Json.send(ctx, 200, JsonObject.create().with("apps", actions.appCount()).with("accounts", accounts).toMap());
    }

    private Map<String, Object> describe(Account account) {
        return JsonObject.create()
                .with("id", String.valueOf(account.id()))
                .with("username", account.username())
                .with("email", account.user().email())
                .with("locale", account.user().locale())
                .with("suspended", account.status() == AccountStatus.SUSPENDED)
                .with("deleted", account.status() == AccountStatus.DELETED)
                .with("active_tokens", state.tokens().activeTokensOf(account.id(), state.now()).size())
                .toMap();
    }

    private void onUser(Context ctx, Function<String, JsonObject> action) {
        Optional<Account> account = state.accounts().byUsername(ctx.pathParam("username"));
        if (account.isEmpty()) {
            Json.error(ctx, 404, "Record not found");
            return;
        }
        Json.send(ctx, 200, action.apply(account.get().username()).toMap());
    }

    private static JsonObject result(String username) {
        return JsonObject.create().with("username", username);
    }

    private static boolean isLoopback(String ip) {
        try {
            return InetAddress.getByName(ip).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
