package io.authpipe.sandbox.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** What Authpipe's connect page does on the user's click, for {@link SandboxBrowser}, which runs no script. */
final class ConnectPageClick {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "token=";

    private ConnectPageClick() {
    }

    static String authorizeUrl(OkHttpClient client, String link, Map<String, String> click) {
        HttpUrl url = HttpUrl.get(link);
        String fragment = url.fragment();
        if (fragment == null || !fragment.startsWith(TOKEN)) {
            return link;
        }
        String token = fragment.substring(TOKEN.length()).split("&", 2)[0];
        String id = token.substring(0, Math.max(0, token.indexOf('.')));
        ObjectNode body = JSON.createObjectNode();
        click.forEach(body::put);
        HttpUrl start = url.newBuilder().fragment(null).encodedPath("/v1/connect-sessions/" + id + "/start").build();
        Request request = new Request.Builder().url(start).header("Authorization", "Bearer " + token)
                .post(RequestBody.create(body.toString(), MediaType.get("application/json"))).build();
        try (Response response = client.newCall(request).execute()) {
            String text = response.body() == null ? "" : response.body().string();
            if (response.code() != 200) {
                throw new IllegalStateException("the connect page refused to start: " + response.code() + " " + text);
            }
            JsonNode answer = JSON.readTree(text);
            return answer.path("authorizeUrl").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
