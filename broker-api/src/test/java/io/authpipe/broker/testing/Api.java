package io.authpipe.broker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A real HTTP client of broker-api for tests, authenticated as one tenant (or the admin). No redirects followed. */
public final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType APPLICATION_JSON = MediaType.get("application/json");
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().followRedirects(false)
            .callTimeout(Duration.ofSeconds(60)).readTimeout(Duration.ofSeconds(60)).build();

    private final String baseUrl;
    private final String bearer;
    private final OkHttpClient http;

    public Api(String baseUrl, String bearer) {
        this(baseUrl, bearer, HTTP);
    }

    /** A client of an https API whose certificate {@code http} trusts. */
    public Api(String baseUrl, String bearer, OkHttpClient http) {
        this.baseUrl = baseUrl;
        this.bearer = bearer;
        this.http = http;
    }

    /** The plain test client, for building one with other trust: {@code Api.client().newBuilder()...}. */
    public static OkHttpClient client() {
        return HTTP;
    }

    public Reply get(String path) {
        return send(request(path).get());
    }

    public Reply delete(String path) {
        return send(request(path).delete());
    }

    public Reply post(String path, String json) {
        return send(request(path).post(RequestBody.create(json, APPLICATION_JSON)));
    }

    public Reply post(String path, Object body) {
        try {
            return post(path, JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Reply put(String path, Object body) {
        try {
            return send(request(path).put(RequestBody.create(JSON.writeValueAsString(body), APPLICATION_JSON)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A POST without a body (and without a Content-Type). */
    public Reply post(String path) {
        return send(request(path).post(RequestBody.create(new byte[0])));
    }

    public Reply postRaw(String path, String body, String contentType) {
        return send(request(path).post(RequestBody.create(body, MediaType.get(contentType))));
    }

    /** Any request: {@code body} null sends none; {@code headers} are added to the bearer token. */
    public Reply send(String method, String path, byte[] body, String contentType,
                      java.util.Map<String, String> headers) {
        Request.Builder builder = request(path);
        headers.forEach(builder::header);
        RequestBody requestBody = body == null ? null
                : RequestBody.create(body, contentType == null ? null : MediaType.get(contentType));
        return send(builder.method(method, requestBody));
    }

    /** GET of an absolute URL, without credentials (a browser following a redirect). */
    public static Reply browse(String url) {
        return execute(HTTP, new Request.Builder().url(url).get().build());
    }

    /** GET of an absolute URL as {@code browser} follows a redirect: with its cookies, without credentials. */
    public static Reply browse(String url, io.authpipe.sandbox.mastodon.SandboxBrowser browser) {
        return execute(HTTP, asBrowser(url, browser));
    }

    /** As {@link #browse(String, io.authpipe.sandbox.mastodon.SandboxBrowser)}, with this client's trust. */
    public Reply browseAbsolute(String url, io.authpipe.sandbox.mastodon.SandboxBrowser browser) {
        return execute(http, asBrowser(url, browser));
    }

    private static Request asBrowser(String url, io.authpipe.sandbox.mastodon.SandboxBrowser browser) {
        Request.Builder request = new Request.Builder().url(url).get();
        String cookies = browser.cookieHeader(url);
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        return request.build();
    }

    /** GET of an absolute URL with this client's trust, without credentials. */
    public Reply browseAbsolute(String url) {
        return execute(http, new Request.Builder().url(url).get().build());
    }

    private Request.Builder request(String path) {
        Request.Builder builder = new Request.Builder().url(baseUrl + path);
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    private Reply send(Request.Builder builder) {
        return execute(http, builder.build());
    }

    private static Reply execute(OkHttpClient client, Request request) {
        try (Response response = client.newCall(request).execute()) {
            String text = response.body() == null ? "" : response.body().string();
            JsonNode json = text.isBlank() || !text.trim().startsWith("{") ? JSON.createObjectNode() : JSON.readTree(text);
            return new Reply(response.code(), json, text, response.headers().toMultimap());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An answer: status, parsed JSON body (empty object when not JSON), raw text, headers (lower-case names). */
    public record Reply(int status, JsonNode json, String text, java.util.Map<String, java.util.List<String>> headers) {
        public String header(String name) {
            java.util.List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String error() {
            return json.path("error").asText(null);
        }
    }
}
