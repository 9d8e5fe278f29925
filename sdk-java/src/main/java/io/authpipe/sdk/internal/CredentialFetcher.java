package io.authpipe.sdk.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /v1/credentials/{provider}/{userId}}, asynchronously. A GET is safe to repeat, so transport failures
 * and 5xx (other than {@code credential_expired}) are tried again, at most {@link #MAX_RETRIES} times after 100 ms and
 * 200 ms (plus jitter); a 4xx never is. The returned future never completes exceptionally.
 */
public final class CredentialFetcher {
    static final int MAX_RETRIES = 2;
    private static final long FIRST_BACKOFF_MILLIS = 100;

    private final HttpClient http;
    private final URI baseUrl;
    private final String authorization;
    private final Duration timeout;
    private final Answers answers;
    private final Executor executor;

    CredentialFetcher(HttpClient http, URI baseUrl, String authorization, Duration timeout, Answers answers,
                      Executor executor) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.authorization = authorization;
        this.timeout = timeout;
        this.answers = answers;
        this.executor = executor;
    }

    CompletableFuture<FetchOutcome> fetch(String provider, String userId) {
        String path = "/v1/credentials/" + segment(provider) + "/" + segment(userId);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header("Authorization", authorization).header("Accept", "application/json").GET().build();
        return attempt(request, "GET /v1/credentials/" + provider + "/" + userId, 0);
    }

    private CompletableFuture<FetchOutcome> attempt(HttpRequest request, String what, int retry) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> error == null ? answers.read(response, what)
                        : Answers.transportFailure(error, what))
                .thenCompose(outcome -> outcome instanceof FetchOutcome.Failed failed && failed.retryable()
                        && retry < MAX_RETRIES ? later(retry).thenCompose(x -> attempt(request, what, retry + 1))
                        : CompletableFuture.completedFuture(outcome));
    }

    private CompletableFuture<Void> later(int retry) {
        long base = FIRST_BACKOFF_MILLIS << retry;
        long delay = base + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS,
                executor));
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
