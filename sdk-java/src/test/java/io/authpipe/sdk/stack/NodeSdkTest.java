package io.authpipe.sdk.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Node SDK's integration tests ({@code npm run test:integration} in {@code ../sdk-node}) against this JVM's
 * stack, driven through the {@link ControlServer}. Skipped where sdk-node is not checked out.
 */
@ExtendWith(SdkStackExtension.class)
class NodeSdkTest {
    private static final Logger LOG = LoggerFactory.getLogger("io.authpipe.sdk.node");
    /** {@code ../sdk-node}, or {@code -Dauthpipe.sdkNode=<dir>}. */
    private static final Path SDK_NODE = Path.of(System.getProperty("authpipe.sdkNode", "../sdk-node"))
            .toAbsolutePath().normalize();

    @Test
    void theNodeSdksIntegrationTestsPass(SdkStack stack) throws IOException, InterruptedException {
        assumeTrue(Files.isRegularFile(SDK_NODE.resolve("package.json")), "sdk-node is not checked out here");
        if (!Files.isDirectory(SDK_NODE.resolve("node_modules"))) {
            assertThat(run(new ProcessBuilder("npm", "ci"))).as("npm ci exit code").isZero();
        }
        if (!Files.isRegularFile(SDK_NODE.resolve("dist/index.js"))) {
            assertThat(run(new ProcessBuilder("npm", "run", "build"))).as("npm run build exit code").isZero();
        }
        ProcessBuilder npm = new ProcessBuilder("npm", "run", "test:integration");
        npm.environment().putAll(Map.of(
                "AUTHPIPE_URL", stack.proxyUrl().toString(),
                "AUTHPIPE_API_KEY", stack.main().apiKey(),
                "AUTHPIPE_TENANT_ID", stack.main().id(),
                "AUTHPIPE_OTHER_API_KEY", stack.other().apiKey(),
                "AUTHPIPE_OTHER_TENANT_ID", stack.other().id(),
                "AUTHPIPE_CONTROL_URL", stack.controlUrl().toString(),
                "AUTHPIPE_TOKEN_TTL_SECONDS", Long.toString(SdkStack.TOKEN_TTL.toSeconds())));
        assertThat(run(npm)).as("npm run test:integration exit code").isZero();
    }

    /** Runs npm in sdk-node, its output into the test log; the exit code (-1: still running after 5 minutes). */
    private static int run(ProcessBuilder npm) throws IOException, InterruptedException {
        Process process = npm.directory(SDK_NODE.toFile()).redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            output.lines().forEach(line -> LOG.info("node | {}", line));
        }
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
