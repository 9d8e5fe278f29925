package io.authpipe.broker.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.authpipe.broker.api.ApiProblem;
import io.authpipe.broker.flow.FlowResult;
import io.authpipe.broker.session.ConnectSessionService;
import io.authpipe.events.BrowserBinding;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The pages a browser sees on Authpipe's own origin: the connect page ({@code GET /connect}, static; its script
 * reads the session token from the fragment), its assets, and the finish page the OAuth callback answers with
 * (the outcome as a JSON data block, reported to the opener by {@code finish.js}). Texts live in
 * {@code strings.js}. The pages may run only their own scripts and talk only to this origin.
 */
final class ConnectPages {
    static final String PAGE_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private static final String RESOURCES = "/io/authpipe/broker/connect/";
    private static final Map<String, String> ASSET_TYPES = Map.of(
            "connect.js", "text/javascript", "strings.js", "text/javascript", "finish.js", "text/javascript",
            "connect.css", "text/css");
    private static final Map<String, String> ASSETS = ASSET_TYPES.keySet().stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(name -> name, ConnectPages::resource));
    private static final String CONNECT_PAGE = resource("connect.html");
    private static final String FINISH_PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Authpipe</title>
            <link rel="stylesheet" href="/connect/assets/connect.css">
            <script type="application/json" id="authpipe-result">%s</script>
            <script src="/connect/assets/strings.js" defer></script>
            <script src="/connect/assets/finish.js" defer></script>
            </head>
            <body>
            <main>
              <p class="brand">Authpipe</p>
              <h1 id="title"></h1>
              <p id="outcome" role="status" hidden></p>
              <noscript><p>%s</p></noscript>
            </main>
            </body>
            </html>
            """;

    private ConnectPages() {
    }

    static void register(Javalin app) {
        app.get(ConnectSessionService.PAGE_PATH, ctx -> html(ctx, 200, CONNECT_PAGE));
        app.get(ConnectSessionService.PAGE_PATH + "/assets/{name}", ConnectPages::asset);
    }

    private static void asset(Context ctx) {
        String name = ctx.pathParam("name");
        String type = ASSET_TYPES.get(name);
        if (type == null) {
            throw ApiProblem.notFound("not_found", "no such asset").toException();
        }
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(type + "; charset=utf-8").result(ASSETS.get(name));
    }

    /** The finish page for a flow that ended: reports {@code result} to the opener {@code browser} names. */
    static void finish(Context ctx, FlowResult result, BrowserBinding browser) {
        ObjectNode message = message(browser);
        if (result.isConnected()) {
            message.put("status", "connected").set("result", Views.JSON.valueToTree(Map.of(
                    "provider", result.provider(), "userId", result.userId(), "connectionId", result.connectionId(),
                    "account", Views.JSON.createObjectNode().put("acct", result.acct().orElse(null))
                            .put("displayName", result.displayName().orElse(null)))));
        } else {
            message.put("status", "error").set("error", Views.JSON.createObjectNode()
                    .put("code", result.error().orElseThrow()).put("message", result.error().orElseThrow()));
        }
        ObjectNode data = Views.JSON.createObjectNode();
        data.set("message", message);
        data.put("origin", browser.getOpenerOrigin()).put("mode", browser.getMode());
        html(ctx, 200, FINISH_PAGE.formatted(json(data), result.isConnected() ? "Connected." : "Not connected."));
    }

    /** A page for a callback that cannot be trusted: the problem, shown; nothing reported to any opener. */
    static void refusal(Context ctx, ApiProblem problem) {
        ObjectNode message = Views.JSON.createObjectNode().put("type", "authpipe:connect").put("status", "error");
        message.set("error", Views.JSON.createObjectNode().put("code", problem.error()).put("message", problem.message()));
        ObjectNode data = Views.JSON.createObjectNode();
        data.set("message", message);
        data.putNull("origin").put("mode", "page");
        html(ctx, problem.status(), FINISH_PAGE.formatted(json(data), escape(problem.message())));
    }

    private static ObjectNode message(BrowserBinding browser) {
        ObjectNode message = Views.JSON.createObjectNode().put("type", "authpipe:connect")
                .put("sessionId", browser.getSessionId());
        if (browser.getNonce() != null) {
            message.put("nonce", browser.getNonce());
        }
        return message;
    }

    private static void html(Context ctx, int status, String body) {
        ctx.header("Content-Security-Policy", PAGE_SECURITY_POLICY);
        ctx.status(status).contentType("text/html; charset=utf-8").result(body);
    }

    /** JSON safe inside a {@code <script>} data block: no {@code <}, {@code >} or {@code &} as such. */
    private static String json(ObjectNode data) {
        try {
            return Views.JSON.writeValueAsString(data).replace("<", "\\u003c").replace(">", "\\u003e")
                    .replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String resource(String name) {
        try (InputStream in = ConnectPages.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
