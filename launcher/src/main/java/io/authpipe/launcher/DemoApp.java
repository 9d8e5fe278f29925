package io.authpipe.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The pretend tenant app {@code ./authpipe} serves on an origin of its own: its page ({@code web/demo}'s bundle, a
 * {@code <ConnectButton>}) at {@code /demo/}, and the one backend route a tenant writes,
 * {@code POST /demo/api/connect-session}, which mints a connect session with the tenant's API key for a user and
 * this page's origin. The browser never sees the API key.
 */
final class DemoApp implements AutoCloseable {
    static final String PATH = "/demo/";
    private static final String RESOURCES = "/io/authpipe/launcher/demo/";
    private static final Map<String, String> FILES = Map.of("index.html", "text/html", "demo.js", "text/javascript");
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
    private static final String DEFAULT_USER = "demo-user";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Javalin app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String apiUrl;
    private final Supplier<String> apiKey;
    private volatile String url;

    private DemoApp(String apiUrl, Supplier<String> apiKey) {
        this.apiUrl = apiUrl;
        this.apiKey = apiKey;
        this.app = Javalin.create(config -> config.showJavalinBanner = false);
        app.get("/", ctx -> ctx.redirect(PATH));
        app.get(PATH, ctx -> file(ctx, "index.html"));
        app.get(PATH + "{file}", ctx -> file(ctx, ctx.pathParam("file")));
        app.post(PATH + "api/connect-session", this::connectSession);
    }

    /** Starts the demo app on {@code port} (0: any free port) of the loopback interface. */
    static DemoApp start(int port, String apiUrl, Supplier<String> apiKey) {
        DemoApp demo = new DemoApp(apiUrl, apiKey);
        demo.app.start("127.0.0.1", port);
        demo.url = "http://127.0.0.1:" + demo.app.port() + PATH;
        return demo;
    }

    /** The page's URL: also the return URL its redirect mode comes back to (registered for the dev tenant). */
    String url() {
        return url;
    }

    private static void file(Context ctx, String name) {
        String type = FILES.get(name);
        try (InputStream in = type == null ? null : DemoApp.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                ctx.status(404).result("not found");
                return;
            }
            ctx.contentType(type + "; charset=utf-8").header("Cache-Control", "no-cache").result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a tenant's backend does: a connect session for its signed-in user, for this page's origin. */
    private void connectSession(Context ctx) throws IOException, InterruptedException {
        JsonNode body = ctx.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(ctx.body());
        String userId = body.path("userId").asText(DEFAULT_USER);
        if (!USER_ID.matcher(userId).matches()) {
            ctx.status(400).json(Map.of("error", "invalid_user_id", "message", "a demo user id is 1-64 of A-Z a-z 0-9 _ . @ -"));
            return;
        }
        String origin = URI.create(url).resolve("/").toString().replaceAll("/$", "");
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/v1/connect-sessions"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + apiKey.get()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("userId", userId,
                        "provider", "mastodon", "scopes", List.of("read", "write"), "allowedOrigins", List.of(origin),
                        "returnTo", url))))
                .build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        ctx.status(answer.statusCode()).contentType("application/json").header("Cache-Control", "no-store")
                .result(answer.body());
    }

    @Override
    public void close() {
        app.stop();
    }
}
