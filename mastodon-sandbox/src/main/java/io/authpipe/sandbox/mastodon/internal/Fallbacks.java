package io.authpipe.sandbox.mastodon.internal;

import io.authpipe.sandbox.mastodon.internal.web.Html;
import io.authpipe.sandbox.mastodon.internal.web.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unknown routes and unexpected failures: {@code 404 {"error":"Record not found"}} under {@code /api} (and
 * {@code /_sandbox}), an HTML 404 elsewhere; a 500 for bugs, logged without request parameters.
 */
final class Fallbacks {

    private static final Logger LOG = LoggerFactory.getLogger(Fallbacks.class);

    private Fallbacks() {
    }

    static void register(Javalin app) {
        app.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 404) {
                notFound(ctx);
            } else {
                Json.error(ctx, e.getStatus(), e.getMessage());
            }
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("sandbox handler failed method={} path={}", ctx.method(), ctx.path(), e);
            Json.error(ctx, 500, "There was a temporary problem serving your request, please try again");
        });
    }

    static void notFound(Context ctx) {
        if (ctx.path().startsWith("/api") || ctx.path().startsWith("/_sandbox")) {
            Json.error(ctx, 404, "Record not found");
        } else {
            Html.send(ctx, 404, Html.page("The page you are looking for isn't here.",
                    "<h1>404</h1>\n<p>The page you are looking for isn't here.</p>"));
        }
    }
}
