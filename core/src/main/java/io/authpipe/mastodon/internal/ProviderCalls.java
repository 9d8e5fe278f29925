package io.authpipe.mastodon.internal;

import com.fasterxml.jackson.databind.JsonNode;
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
 * {@link InstanceUnavailableException}, marked {@linkplain InstanceUnavailableException#maybeProcessed() maybe
 * processed} when writing the request had begun; every HTTP status comes back as a {@link JsonResponse} value.
 * A 429 always does, whatever its body: a throttle is an answer, even from a proxy.
 */
public final class ProviderCalls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 1 << 20;

    private final OkHttpClient http;

    /** Calls through {@code http}, plus a network interceptor that notes when a request starts to be written. */
    public ProviderCalls(OkHttpClient http) {
        this.http = http.newBuilder().addNetworkInterceptor(RequestProgress.NETWORK_INTERCEPTOR).build();
    }

    public JsonResponse send(InstanceAddress instance, Request request) {
        Request tracked = RequestProgress.track(request);
        try (Response response = http.newCall(tracked).execute()) {
            return new JsonResponse(instance, response.code(), parse(instance, response),
                    response.header("X-RateLimit-Reset"), response.header("Retry-After"),
                    response.header("WWW-Authenticate"), response.header("X-RateLimit-Limit"),
                    response.header("X-RateLimit-Remaining"));
        } catch (IOException e) {
            String message = instance.origin() + " is unreachable: " + e.getClass().getSimpleName();
            if (RequestProgress.of(tracked).sendingStarted()) {
                throw InstanceUnavailableException.mayHaveBeenProcessed(message + " after the request was sent");
            }
            throw new InstanceUnavailableException(message);
        }
    }

    private static JsonNode parse(InstanceAddress instance, Response response) throws IOException {
        ResponseBody body = response.body();
        if (body == null) {
            return JSON.createObjectNode();
        }
        BufferedSource source = body.source();
        if (source.request(MAX_BODY_BYTES + 1L)) {
            return unreadable(instance, response.code(), " with an oversized body");
        }
        String text = source.getBuffer().readUtf8();
        if (text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return unreadable(instance, response.code(), " with a body that is not JSON (a proxy or challenge page?)");
        }
    }

    /** A 404 or 429 means the same whatever its body; any other status with an unreadable body is unusable. */
    private static JsonNode unreadable(InstanceAddress instance, int status, String detail) {
        if (status == 404 || status == 429) {
            return JSON.createObjectNode();
        }
        throw UnusableAnswers.status(instance, status, detail);
    }
}
