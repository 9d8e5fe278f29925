package io.authpipe.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.authpipe.core.config.EnvReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ConnectButton in a real browser: the Playwright tests in {@code ../web/browser-tests} ({@code npm run
 * test:browser}, Debian's Chromium driven by {@code playwright-core}) against the embedded default this JVM starts
 * (broker-api, the Mastodon sandbox, the demo tenant app). Skipped where web/ is not checked out or no Chromium is
 * installed ({@code .ci/run} installs Debian's {@code chromium}; {@code AUTHPIPE_CHROMIUM} names another binary).
 */
class ConnectButtonBrowserTest {
    private static final Logger LOG = LoggerFactory.getLogger("io.authpipe.web.browser");
    private static final Path WEB = Path.of(System.getProperty("authpipe.web", "../web")).toAbsolutePath().normalize();
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("AUTHPIPE_CHROMIUM", "/usr/bin/chromium"));

    @Test
    void theBrowserTestsPassAgainstTheEmbeddedDefault(@TempDir Path home) throws IOException, InterruptedException {
        assumeTrue(Files.isRegularFile(WEB.resolve("package.json")), "web/ is not checked out here");
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + " (apt-get install chromium)");
        assumeTrue(Files.isDirectory(WEB.resolve("node_modules")), "web/ is not installed (the build's npm ci)");
        EnvReader env = new EnvReader(Map.of("AUTHPIPE_HOME", home.toString(), "AUTHPIPE_HTTP_PORT", "0",
                "AUTHPIPE_SANDBOX_PORT", "0", "AUTHPIPE_DEMO_PORT", "0",
                // the page does not care how records are encoded: spare the build an Apicurio start
                "AUTHPIPE_SCHEMA_REGISTRY", "none"));
        try (DevEnvironment dev = DevEnvironment.start(env, Clock.systemUTC())) {
            DevFacts facts = dev.facts();
            ProcessBuilder npm = new ProcessBuilder("npm", "run", "test:browser");
            npm.environment().putAll(Map.of(
                    "AUTHPIPE_API_URL", facts.apiUrl().replaceAll("/+$", ""),
                    "AUTHPIPE_DEMO_URL", facts.demoUrl(),
                    "AUTHPIPE_SANDBOX_URL", facts.sandboxUrl(),
                    "AUTHPIPE_API_KEY", facts.apiKey(),
                    "AUTHPIPE_TENANT_ID", facts.tenantId(),
                    "AUTHPIPE_CHROMIUM", CHROMIUM.toString()));
            assertThat(run(npm)).as("npm run test:browser exit code (its output is in the test log)").isZero();
        }
    }

    /** Runs npm in web/, its output into the test log; the exit code (-1: still running after 5 minutes). */
    private static int run(ProcessBuilder npm) throws IOException, InterruptedException {
        Process process = npm.directory(WEB.toFile()).redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            output.lines().forEach(line -> LOG.info("browser | {}", line));
        }
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
