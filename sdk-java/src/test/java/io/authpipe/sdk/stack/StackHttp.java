package io.authpipe.sdk.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The harness's own calls (JDK HttpClient, no redirects followed): JSON in, status and JSON out. */
final class StackHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: its status, its body as text, and its {@code Location}. */
    record Answer(int status, String body, String location) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    Answer get(String url, String bearer) {
        return send(request(url, bearer).GET().build());
    }

    /** A GET as a browser follows a redirect: with its {@code Cookie} header, without credentials. */
    Answer browse(String url, String cookies) {
        HttpRequest.Builder request = request(url, null);
        return send((cookies.isEmpty() ? request : request.header("Cookie", cookies)).GET().build());
    }

    Answer delete(String url, String bearer) {
        return send(request(url, bearer).DELETE().build());
    }

    Answer post(String url, String bearer, Object body) {
        try {
            return send(request(url, bearer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpRequest.Builder request(String url, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        return bearer == null ? builder : builder.header("Authorization", "Bearer " + bearer);
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri().getPath() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
