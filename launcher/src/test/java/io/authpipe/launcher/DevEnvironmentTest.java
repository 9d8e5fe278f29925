package io.authpipe.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authpipe.core.config.EnvReader;
import io.authpipe.sandbox.mastodon.SandboxBrowser;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, in-process: everything starts, an account connects, and a restart keeps it all. */
class DevEnvironmentTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final OkHttpClient HTTP = new OkHttpClient.Builder().followRedirects(false).build();

    @Test
    void theEmbeddedDefaultConnectsAnAccountAndKeepsItAcrossARestart(@TempDir Path home) throws IOException {
        // Fixed ports, as ./authpipe runs: the second sandbox is a new, empty server where the first one was
        EnvReader env = new EnvReader(Map.of("AUTHPIPE_HOME", home.toString(),
                "AUTHPIPE_HTTP_PORT", Integer.toString(freePort()), "AUTHPIPE_SANDBOX_PORT", Integer.toString(freePort()),
                "AUTHPIPE_DEMO_PORT", "0",
                // the registry's restart is LauncherProcessTest's (kill -9) and TopicContractTest's subject: spare
                // the build two Apicurio starts here
                "AUTHPIPE_SCHEMA_REGISTRY", "none"));
        DevFacts first;
        String token;
        try (DevEnvironment dev = DevEnvironment.start(env, Clock.systemUTC())) {
            first = dev.facts();
            assertThat(DevFacts.read(home.resolve("dev.json"))).contains(first);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("dev.json"))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("master.key"))))
                    .isEqualTo("rw-------");

            String authorizeUrl = post(first, "/v1/connect", "{\"provider\":\"mastodon\",\"userId\":\"user-1\","
                    + "\"instance\":\"" + first.sandboxUrl() + "\",\"scopes\":[\"read\",\"write\"],"
                    + "\"returnTo\":\"" + first.returnTo() + "\"}").path("authorizeUrl").asText();
            SandboxBrowser browser = new SandboxBrowser();
            URI callback = browser.approve(authorizeUrl, "alice", "alice-password");
            String landing = Launchers.followRedirect(callback.toString(), browser);
            assertThat(get(landing, null).path("status").asText()).isEqualTo("connected");
            token = get(first.apiUrl() + "/v1/credentials/mastodon/user-1", first.apiKey()).path("credential").asText();
            assertThat(token).isNotBlank();
        }

        try (DevEnvironment again = DevEnvironment.start(env, Clock.systemUTC())) {
            DevFacts second = again.facts();
            assertThat(second.apiKey()).isEqualTo(first.apiKey());
            assertThat(second.adminToken()).isEqualTo(first.adminToken());
            assertThat(get(second.apiUrl() + "/v1/credentials/mastodon/user-1", second.apiKey())
                    .path("account").path("username").asText()).isEqualTo("alice");
            // and a new connect works, though the sandbox is a new one that never saw the app registered before
            String secondLink = post(second, "/v1/connect", "{\"provider\":\"mastodon\",\"userId\":\"user-2\","
                    + "\"instance\":\"" + second.sandboxUrl() + "\",\"scopes\":[\"read\",\"write\"],"
                    + "\"returnTo\":\"" + second.returnTo() + "\"}").path("authorizeUrl").asText();
            SandboxBrowser browser = new SandboxBrowser();
            String landing = Launchers.followRedirect(browser.approve(secondLink, "bob", "bob-password").toString(), browser);
            assertThat(get(landing, null).path("status").asText()).isEqualTo("connected");
        }
    }

    private static JsonNode post(DevFacts facts, String path, String json) throws IOException {
        Request request = new Request.Builder().url(facts.apiUrl() + path)
                .header("Authorization", "Bearer " + facts.apiKey())
                .post(RequestBody.create(json, MediaType.get("application/json"))).build();
        try (Response response = HTTP.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            return JSON.readTree(response.body().string());
        }
    }

    private static JsonNode get(String url, String apiKey) throws IOException {
        Request.Builder request = new Request.Builder().url(url);
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try (Response response = HTTP.newCall(request.build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
            return JSON.readTree(response.body().string());
        }
    }


    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
