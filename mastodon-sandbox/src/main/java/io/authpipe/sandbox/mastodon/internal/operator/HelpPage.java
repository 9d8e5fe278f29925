package io.authpipe.sandbox.mastodon.internal.operator;

import io.authpipe.sandbox.mastodon.SandboxUser;
import io.authpipe.sandbox.mastodon.internal.state.SandboxState;
import io.authpipe.sandbox.mastodon.internal.web.Html;
import io.javalin.http.Context;

/** {@code GET /_sandbox}: who can sign in and which endpoints exist. Shows passwords: this is a test double. */
public final class HelpPage {

    private static final String ENDPOINTS = """
            <h2>Operator endpoints (JSON, loopback only)</h2>
            <ul>
            <li><code>GET /_sandbox/accounts</code> usernames, states, token counts</li>
            <li><code>POST /_sandbox/accounts/{username}/revoke-tokens</code></li>
            <li><code>POST /_sandbox/accounts/{username}/suspend</code></li>
            <li><code>POST /_sandbox/accounts/{username}/unsuspend</code></li>
            <li><code>POST /_sandbox/accounts/{username}/delete</code></li>
            <li><code>PUT /_sandbox/accounts/{username}/profile</code> body a JSON object of account fields, e.g.
            <code>{"url":"javascript:alert(1)"}</code>: <code>verify_credentials</code> misreports the user with
            them, as a hostile instance would, until <code>DELETE /_sandbox/accounts/{username}/profile</code></li>
            <li><code>POST /_sandbox/tokens/revoke</code> body <code>{"token":"..."}</code></li>
            <li><code>POST /_sandbox/refreshes/fail</code> body <code>{"fault":"...","times":1,"seconds":60}</code>:
            the next <code>times</code> (default 1) <code>grant_type=refresh_token</code> requests to
            <code>POST /oauth/token</code> meet the fault; <code>times</code> 0 disarms. Faults:
            <code>server_error</code> (500 JSON), <code>proxy_page</code> (503 HTML page),
            <code>throttled</code> (429 with <code>X-RateLimit-Reset</code> <code>seconds</code> ahead),
            <code>throttled_with_retry_after</code> (the same plus <code>Retry-After</code>); none of these refresh
            anything. <code>slow_answer</code> refreshes, then holds the answer back <code>seconds</code>.</li>
            <li><code>GET /_sandbox/refreshes</code> <code>grants_received</code> (refresh requests, faulted or
            not), <code>issued</code> (successful refreshes), <code>replays_detected</code> (rotated refresh tokens
            presented again; each revoked its token family), <code>faults_remaining</code></li>
            <li><code>POST /_sandbox/outage</code> body <code>{"kind":"..."}</code>: the whole server is down behind
            its proxy; every request outside <code>/_sandbox</code> gets the outage's answer until
            <code>DELETE /_sandbox/outage</code>. Kinds: <code>proxy_page</code> (503 HTML page),
            <code>server_error</code> (500 JSON), <code>bad_gateway</code> (502 nginx HTML page).</li>
            <li><code>GET /_sandbox/outage</code> <code>outage</code> (the kind, or null) and
            <code>requests_during_outage</code> (requests the outages answered)</li>
            </ul>
            <h2>Mastodon endpoints</h2>
            <ul>
            <li><code>POST /api/v1/apps</code>, <code>GET /oauth/authorize</code>, <code>POST /oauth/token</code>,
            <code>POST /oauth/revoke</code></li>
            <li><code>GET /api/v1/accounts/verify_credentials</code>, <code>GET /api/v1/apps/verify_credentials</code></li>
            <li><code>GET /.well-known/oauth-authorization-server</code>, <code>GET /.well-known/nodeinfo</code>,
            <code>GET /api/v2/instance</code></li>
            </ul>
            """;

    private final SandboxState state;

    /** Describes {@code state}. */
    public HelpPage(SandboxState state) {
        this.state = state;
    }

    /** Renders the page. */
    public void show(Context ctx) {
        StringBuilder users = new StringBuilder("<h2>Users</h2>\n<table>\n<tr><th>username</th><th>e-mail</th>"
                + "<th>password</th><th>locale</th></tr>\n");
        for (SandboxUser user : state.config().users()) {
            users.append("<tr><td>").append(Html.escape(user.username())).append("</td><td>")
                    .append(Html.escape(user.email())).append("</td><td>").append(Html.escape(user.password()))
                    .append("</td><td>").append(Html.escape(user.locale())).append("</td></tr>\n");
        }
        users.append("</table>\n");
        Html.send(ctx, 200, Html.page("Mastodon sandbox", "<h1>Mastodon " + state.version().versionString()
                + " sandbox</h1>\n<p>Web address " + Html.escape(state.baseUrl()) + ", LOCAL_DOMAIN "
                + Html.escape(state.config().localDomain()) + "</p>\n" + users + ENDPOINTS));
    }
}
