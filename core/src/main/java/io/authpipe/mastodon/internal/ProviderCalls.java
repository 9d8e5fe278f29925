package io.authpipe.mastodon.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.mastodon.InstanceUnavailableException;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Sends one request and reads a JSON answer. Transport failures and non-JSON bodies become
 * {@link InstanceUnavailableException}; every HTTP status comes back as a {@link JsonResponse} value.
 */
public final class ProviderCalls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 1 << 20;

    private final OkHttpClient http;

    public ProviderCalls(OkHttpClient http) {
        this.http = http;
    }

    public JsonResponse send(InstanceAddress instance, Request request) {
        try (Response response = http.newCall(request).execute()) {
            return new JsonResponse(instance, response.code(), parse(instance, response),
                    response.header("X-RateLimit-Reset"));
        } catch (IOException e) {
            throw new InstanceUnavailableException(instance.origin() + " is unreachable: " + e.getClass().getSimpleName());
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(InstanceAddress instance, Response response)
            throws IOException {
        ResponseBody body = response.body();
        if (body == null) {
            return JSON.createObjectNode();
        }
        BufferedSource source = body.source();
        if (source.request(MAX_BODY_BYTES + 1L)) {
            throw new InstanceUnavailableException(instance.origin() + " answered with an oversized body");
        }
        String text = source.getBuffer().readUtf8();
        if (text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            if (response.code() == 404) {
                return JSON.createObjectNode();
            }
            throw new InstanceUnavailableException(instance.origin() + " answered HTTP " + response.code()
                    + " with a body that is not JSON (a proxy or challenge page?)");
        }
    }
}
