package io.authpipe.sandbox.mastodon.internal.faults;

import io.authpipe.sandbox.mastodon.RefreshFault;
import io.authpipe.sandbox.mastodon.internal.web.Html;
import io.authpipe.sandbox.mastodon.internal.web.Json;
import io.authpipe.sandbox.mastodon.internal.web.Times;
import io.javalin.http.Context;
import java.time.Instant;

/**
 * The answers of faults that replace the grant or the whole server: a Rails crash, a proxy's error page, a Rack::Attack
 * throttle ({@code MASTODON.md} §8 "429 response", §9 "Cloudflare and other proxies").
 */
final class FaultAnswers {

    static final String SERVER_ERROR_TEXT = "We're sorry, but something went wrong on our end";

    private static final String PROXY_PAGE = """
            <!DOCTYPE html>
            <html lang="en-US">
            <head><meta charset="UTF-8"><title>503 Service Temporarily Unavailable | Cloudflare</title></head>
            <body>
            <div id="cf-error-details">
            <h1>Error 503</h1>
            <h2>Service Temporarily Unavailable</h2>
            <p>The server is temporarily unable to service your request. Please try again later.</p>
            <p>Cloudflare Ray ID: <strong>8f3a2b1c0d9e8f7a</strong></p>
            </div>
            </body>
            </html>
            """;

    private static final String BAD_GATEWAY_PAGE = """
            <html>
            <head><title>502 Bad Gateway</title></head>
            <body>
            <center><h1>502 Bad Gateway</h1></center>
            <hr><center>nginx</center>
            </body>
            </html>
            """;

    private FaultAnswers() {
    }

    /** {@code 500 {"error":"We're sorry, but something went wrong on our end"}}. */
    static void serverError(Context ctx) {
        Json.error(ctx, 500, SERVER_ERROR_TEXT);
    }

    /** {@code 503} with Cloudflare's headers and an HTML error page. */
    static void proxyPage(Context ctx) {
        ctx.header("Server", "cloudflare");
        ctx.header("CF-RAY", "8f3a2b1c0d9e8f7a-FRA");
        Html.send(ctx, 503, PROXY_PAGE);
    }

    /** {@code 502} with nginx's error page: the proxy cannot reach the application server. */
    static void badGateway(Context ctx) {
        ctx.header("Server", "nginx");
        Html.send(ctx, 502, BAD_GATEWAY_PAGE);
    }

    /** {@code 429 {"error":"Too many requests"}}, reset {@code throttled.window()} after {@code now}. */
    static void throttled(Context ctx, RefreshFault.Throttled throttled, int limit, Instant now) {
        ctx.header("X-RateLimit-Limit", String.valueOf(limit));
        ctx.header("X-RateLimit-Remaining", "0");
        ctx.header("X-RateLimit-Reset", Times.iso8601Micros(now.plus(throttled.window())));
        if (throttled.sendsRetryAfter()) {
            ctx.header("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
        }
        Json.error(ctx, 429, "Too many requests");
    }
}
