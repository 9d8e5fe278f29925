package io.authpipe.shape;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;

/**
 * What {@code scripts/production-shape} runs: the production shape on this machine's fixed loopback ports
 * ({@link ShapePorts#fixed}), every process its own JVM, data under {@code AUTHPIPE_SHAPE_HOME} (default
 * {@code .authpipe-shape}, started afresh each run: the KMS emulator keeps tenant keys in memory only). Prints the
 * URLs, the admin token and the next steps, writes them to {@code <home>/shape.json} (mode 0600), and on Ctrl-C
 * stops every process it started, by PID.
 */
public final class ProductionShapeMain {
    private ProductionShapeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        Path home = Path.of(env.getOrDefault("AUTHPIPE_SHAPE_HOME", ".authpipe-shape")).toAbsolutePath();
        startAfresh(home);
        SandboxSpec sandbox = new SandboxSpec(Optional.of(env.getOrDefault("AUTHPIPE_SANDBOX_TOKEN_TTL", "2m")), true,
                Double.parseDouble(env.getOrDefault("AUTHPIPE_SANDBOX_FLAKINESS", "0")), 10);
        ShapeLayout layout = ShapeLayout.standard(home, ShapePorts.fixed(3, 2), Uuid.randomUuid().toString(),
                secret(), secret(), sandbox, Map.of(
                        "AUTHPIPE_REFRESH_LEAD", "60s", "AUTHPIPE_REFRESH_JITTER", "10s",
                        "AUTHPIPE_HEALTH_INTERVAL", "1m", "AUTHPIPE_SHUTDOWN_TIMEOUT", "20s"));
        System.out.println("Starting the production shape in " + home + " (logs in " + layout.logDir() + ")...");
        ProductionShape shape = ProductionShape.start(layout, System.getProperty("java.class.path"));
        writeFacts(layout, shape);
        System.out.println(banner(layout, shape));
        new CountDownLatch(1).await();
    }

    private static String banner(ShapeLayout layout, ProductionShape shape) {
        StringBuilder text = new StringBuilder("\nAuthpipe's production shape is running:\n");
        for (ShapeProcess p : shape.processes()) {
            text.append(String.format("  %-18s pid %-8d%n", p.name(), p.pid()));
        }
        text.append("\n  Kafka        ").append(layout.bootstrapServers())
                .append(" (KRaft, 3 voters, replication ").append(layout.replication())
                .append(", min.insync.replicas ").append(layout.minInsyncReplicas()).append(")\n");
        text.append("  broker-api   ").append(layout.apiUrl(1)).append("  ").append(layout.apiUrl(2)).append('\n');
        text.append("  KMS          ").append(layout.kmsEndpoint()).append(" (emulator, one key per tenant)\n");
        text.append("  sandbox      ").append(layout.sandboxUrl()).append(" (alice/alice-password, user1..user10/userN-password)\n");
        text.append("  admin token  in ").append(layout.home().resolve("shape.json")).append(" (.adminToken)\n\n");
        text.append("Next: create a tenant, then connect an account as in the README's walkthrough:\n")
                .append("  ADMIN=$(jq -r .adminToken ").append(layout.home().resolve("shape.json")).append(")\n")
                .append("  curl -s -X POST ").append(layout.apiUrl(1)).append("/admin/v1/tenants -H \"Authorization: Bearer $ADMIN\"")
                .append(" -H 'Content-Type: application/json' \\\n")
                .append("    -d '{\"tenantId\":\"acme\",\"displayName\":\"Acme\",\"returnUrls\":[\"")
                .append(layout.apiUrl(1)).append("/oauth/finished\"]}'\n")
                .append("Stop a broker or an instance by its pid (kill PID, or kill -9 PID) and watch the other answer.\n")
                .append("Ctrl-C stops everything started here.");
        return text.toString();
    }

    private static void writeFacts(ShapeLayout layout, ProductionShape shape) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("apiUrls", List.of(layout.apiUrl(1), layout.apiUrl(2)));
        facts.put("adminToken", layout.adminToken());
        facts.put("sandboxUrl", layout.sandboxUrl());
        facts.put("kafkaBootstrap", layout.bootstrapServers());
        facts.put("kmsEndpoint", layout.kmsEndpoint().toString());
        Map<String, Long> pids = new LinkedHashMap<>();
        shape.processes().forEach(p -> pids.put(p.name(), p.pid()));
        facts.put("pids", pids);
        Path file = layout.home().resolve("shape.json");
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), facts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Removes what an earlier run left (its brokers' logs hold records sealed with keys the emulator forgot). */
    private static void startAfresh(Path home) {
        try {
            if (Files.exists(home)) {
                try (Stream<Path> paths = Files.walk(home)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + home, e);
        }
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
