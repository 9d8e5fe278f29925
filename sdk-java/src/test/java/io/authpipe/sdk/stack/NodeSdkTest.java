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
        ProcessBuilder npm = new ProcessBuilder("npm", "run", "test:integration").directory(SDK_NODE.toFile())
                .redirectErrorStream(true);
        npm.environment().putAll(Map.of(
                "AUTHPIPE_URL", stack.proxyUrl().toString(),
                "AUTHPIPE_API_KEY", stack.main().apiKey(),
                "AUTHPIPE_TENANT_ID", stack.main().id(),
                "AUTHPIPE_OTHER_API_KEY", stack.other().apiKey(),
                "AUTHPIPE_OTHER_TENANT_ID", stack.other().id(),
                "AUTHPIPE_CONTROL_URL", stack.controlUrl().toString(),
                "AUTHPIPE_TOKEN_TTL_SECONDS", Long.toString(SdkStack.TOKEN_TTL.toSeconds())));
        Process process = npm.start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            output.lines().forEach(line -> LOG.info("node | {}", line));
        }
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }

        assertThat(finished).as("npm run test:integration finished").isTrue();
        assertThat(process.exitValue()).as("npm run test:integration exit code").isZero();
    }
}
