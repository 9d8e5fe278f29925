package io.authpipe.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.sandbox.mastodon.SandboxBrowser;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** {@code ./authpipe} ({@link Main}) as child processes on one home, and the HTTP calls tests make to it. */
final class Launchers {
    static final Duration START_BOUND = Duration.ofSeconds(180);

    private Launchers() {
    }

    /**
     * The launcher's environment: {@code home}, any free ports, and {@code shutdownTimeout}. The schema registry
     * runs as in {@code ./authpipe}, so a launcher killed with {@code kill -9} leaves its Apicurio child behind for
     * the next start to stop.
     */
    static Map<String, String> env(Path home, Duration shutdownTimeout) {
        return Map.of("AUTHPIPE_HOME", home.toString(), "AUTHPIPE_HTTP_PORT", "0", "AUTHPIPE_SANDBOX_PORT", "0",
                "AUTHPIPE_REGISTRY_PORT", "0", "AUTHPIPE_SHUTDOWN_TIMEOUT", shutdownTimeout.toSeconds() + "s");
    }

    static ChildJvm start(Map<String, String> env, Path dir, String name) {
        return ChildJvm.start(Main.class, env, dir, name);
    }

    /** Whether {@code child} printed its banner (it is ready). */
    static boolean isReady(ChildJvm child) {
        return child.out().contains("Authpipe is running");
    }

    /** Starts a launcher and waits for its banner; fails if it exits first. */
    static ChildJvm startReady(Map<String, String> env, Path dir, String name) {
        ChildJvm child = start(env, dir, name);
        await().atMost(START_BOUND).pollInterval(Duration.ofMillis(200))
                .until(() -> isReady(child) || !child.process().isAlive());
        assertThat(child.process().isAlive()).as(child.err()).isTrue();
        return child;
    }

    /** Connects the sandbox's alice as the dev tenant's {@code user-1}, and waits until her credential is served. */
    static void connectAlice(DevFacts facts) throws IOException {
        String authorizeUrl = post(facts, "/v1/connect", "{\"provider\":\"mastodon\",\"userId\":\"user-1\","
                + "\"instance\":\"" + facts.sandboxUrl() + "\",\"scopes\":[\"read\"],"
                + "\"returnTo\":\"" + facts.returnTo() + "\"}").path("authorizeUrl").asText();
        SandboxBrowser browser = new SandboxBrowser();
        followRedirect(browser.approve(authorizeUrl, "alice", "alice-password").toString(), browser);
        await().atMost(Duration.ofSeconds(30)).until(() -> status(
                facts.apiUrl() + "/v1/credentials/mastodon/user-1", facts.apiKey()) == 200);
    }

    static int status(String url, String apiKey) throws IOException {
        try (Response response = DevEnvironmentTest.HTTP.newCall(request(url, apiKey).build()).execute()) {
            return response.code();
        }
    }

    static JsonNode get(String url, String apiKey) throws IOException {
        try (Response response = DevEnvironmentTest.HTTP.newCall(request(url, apiKey).build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
            return DevEnvironmentTest.JSON.readTree(response.body().string());
        }
    }

    private static JsonNode post(DevFacts facts, String path, String json) throws IOException {
        Request request = request(facts.apiUrl() + path, facts.apiKey())
                .post(RequestBody.create(json, MediaType.get("application/json"))).build();
        try (Response response = DevEnvironmentTest.HTTP.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            return DevEnvironmentTest.JSON.readTree(response.body().string());
        }
    }

    /** Follows a redirect to {@code url} as {@code browser} would (with its cookies): the next Location. */
    static String followRedirect(String url, SandboxBrowser browser) throws IOException {
        Request.Builder request = new Request.Builder().url(url);
        String cookies = browser.cookieHeader(url);
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        try (Response response = DevEnvironmentTest.HTTP.newCall(request.build()).execute()) {
            assertThat(response.code()).isEqualTo(302);
            return response.header("Location");
        }
    }

    private static Request.Builder request(String url, String apiKey) {
        Request.Builder request = new Request.Builder().url(url);
        return apiKey == null ? request : request.header("Authorization", "Bearer " + apiKey);
    }
}
