package io.authpipe.sandbox.mastodon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A plain HTTP client for a sandbox: no redirects followed, no cookies. */
final class SandboxHttp {

    private static final OkHttpClient CLIENT = new OkHttpClient.Builder().followRedirects(false).build();
    private static final MediaType JSON = MediaType.get("application/json");

    private final String baseUrl;

    SandboxHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    static OkHttpClient client() {
        return CLIENT;
    }

    Reply get(String path) {
        return execute(request(path).get().build());
    }

    Reply get(String path, String bearerToken) {
        return execute(request(path).header("Authorization", "Bearer " + bearerToken).get().build());
    }

    Reply get(String path, Map<String, String> headers) {
        Request.Builder builder = request(path).get();
        headers.forEach(builder::header);
        return execute(builder.build());
    }

    Reply postForm(String path, Map<String, String> form) {
        return postForm(path, form, Map.of());
    }

    Reply postForm(String path, Map<String, String> form, Map<String, String> headers) {
        FormBody.Builder body = new FormBody.Builder();
        form.forEach(body::add);
        Request.Builder builder = request(path).post(body.build());
        headers.forEach(builder::header);
        return execute(builder.build());
    }

    /** A form with repeated keys, e.g. {@code scopes[]}. */
    Reply postPairs(String path, List<Map.Entry<String, String>> pairs) {
        FormBody.Builder body = new FormBody.Builder();
        pairs.forEach(pair -> body.add(pair.getKey(), pair.getValue()));
        return execute(request(path).post(body.build()).build());
    }

    Reply postJson(String path, String json) {
        return execute(request(path).post(RequestBody.create(json, JSON)).build());
    }

    Reply putJson(String path, String json) {
        return execute(request(path).put(RequestBody.create(json, JSON)).build());
    }

    Reply delete(String path) {
        return execute(request(path).delete().build());
    }

    private Request.Builder request(String path) {
        return new Request.Builder().url(path.startsWith("http") ? path : baseUrl + path);
    }

    private static Reply execute(Request request) {
        try (Response response = CLIENT.newCall(request).execute()) {
            return new Reply(response.code(), response.headers(), response.body() == null ? ""
                    : response.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
