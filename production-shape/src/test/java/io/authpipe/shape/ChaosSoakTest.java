package io.authpipe.shape;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.events.CredentialUpdated;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chaos soak of issue 10, off by default: the production shape with a sandbox whose tokens live 20 s, whose
 * refresh tokens rotate (a replayed one is detected and revokes the grant) and which is down behind its proxy a share
 * of the time (health checks and refreshes meet 500, 502 and 503 pages); for the given minutes, at random moments,
 * a random instance of broker-api, refresh-worker or health-worker is killed with SIGKILL and started again, under a
 * steady getCredential load. Then: no credential lost (every connection active, its token accepted), no refresh
 * token replayed, nothing revoked, every change published once. Prints MEASURE lines.
 *
 * <pre>
 * mvn -o -pl production-shape test -Dtest=ChaosSoakTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dauthpipe.soak.minutes=10 [-Dauthpipe.soak.connections=40] [-Dauthpipe.soak.flakiness=0.1] \
 *     [-Dauthpipe.soak.seed=1]
 * </pre>
 */
@EnabledIfSystemProperty(named = "authpipe.soak.minutes", matches = "[1-9][0-9]*")
class ChaosSoakTest {
    private static final Logger LOG = LoggerFactory.getLogger(ChaosSoakTest.class);
    static final int MINUTES = Integer.getInteger("authpipe.soak.minutes", 0);
    static final int CONNECTIONS = Integer.getInteger("authpipe.soak.connections", 40);
    static final double FLAKINESS = Double.parseDouble(System.getProperty("authpipe.soak.flakiness", "0.1"));
    static final long SEED = Long.getLong("authpipe.soak.seed", System.nanoTime());
    static final List<String> ROLES = List.of("broker-api", "refresh-worker", "health-worker");
    /** A refresh lease (90 s) left by a worker killed mid-refresh, then a probe and a refresh. */
    static final Duration RECOVERY_LIMIT = Duration.ofSeconds(180);

    @Test
    void killNineAtRandomMomentsLosesNothing() {
        Random random = new Random(SEED);
        ShapeLayout layout = ShapeFixture.layout(ShapeFixture.freshHome(Path.of("target", "chaos-soak")), "20s",
                FLAKINESS, CONNECTIONS);
        ProductionShape shape = ProductionShape.start(layout, ShapeFixture.classPath());
        try {
            ShapeClient client = new ShapeClient(layout);
            TestTenant tenant = client.createTenant(1);
            List<String> users = IntStream.rangeClosed(1, CONNECTIONS).mapToObj(i -> "user-" + i).toList();
            for (int i = 1; i <= CONNECTIONS; i++) {
                connectDespiteFlakiness(client, tenant, i);
            }
            Map<String, Integer> kills = new TreeMap<>();
            long readsDuring;
            long failuresDuring;
            long longestUnreadable;
            Instant end = Instant.now().plus(Duration.ofMinutes(MINUTES));
            try (CredentialLoad load = new CredentialLoad(client, tenant, users, Set.of(1, 2)).start(20)) {
                while (Instant.now().isBefore(end)) {
                    Duration pause = Duration.ofMillis(2_000 + random.nextInt(13_000));
                    ShapeFixture.awaitOrExplain(pause.plusSeconds(5), pauseOf(pause), () -> "");
                    String role = ROLES.get(random.nextInt(ROLES.size()));
                    int instance = 1 + random.nextInt(2);
                    String name = role + "-" + instance;
                    if (role.equals("broker-api")) {
                        load.takeOut(instance);
                    }
                    shape.kill(name);
                    kills.merge(role, 1, Integer::sum);
                    shape.restart(name);
                    if (role.equals("broker-api")) {
                        load.putBack(instance);
                    }
                }
                readsDuring = load.reads();
                failuresDuring = load.failures();
                longestUnreadable = load.longestUnreadableMillis();
                LOG.info("MEASURE chaos soak: first failed reads {}; {} reads below a version read before, the first {}",
                        load.failureSamples(), load.regressions().size(),
                        load.regressions().stream().limit(3).toList());
                // a version read from an owner killed before it committed the version comes back once refolded
                ShapeFixture.awaitOrExplain(ProductionShapeTest.BLIP_LIMIT, () -> load.belowTheirHighest().isEmpty(),
                        () -> "still read below their highest version: " + load.belowTheirHighest());
            }

            // Then: once the last lease has run out, every connection is active with a token the server accepts
            long settling = System.nanoTime();
            AssertionError unsettled = null;
            try {
                ShapeFixture.awaitOrExplain(RECOVERY_LIMIT, () -> users.stream().allMatch(u -> {
                    ShapeClient.Read read = client.credential(1, tenant, u);
                    return read.status() == 200 && client.sandboxAccepts(
                            read.body().orElseThrow().path("credential").asText());
                }), () -> "connections " + statuses(client.connections(1, tenant)));
            } catch (AssertionError e) {
                unsettled = e;
            }
            long recoveryMillis = Duration.ofNanos(System.nanoTime() - settling).toMillis();
            JsonNode counters = client.sandboxCounters();
            List<CredentialUpdated> updates = client.credentialUpdates(tenant);
            PublishedOnce published = PublishedOnce.check(client.connectionEvents(tenant), updates);
            long revokedUpdates = PublishedOnce.revocations(updates);
            Map<String, Long> statuses = statuses(client.connections(1, tenant));
            LOG.info("MEASURE chaos soak seed={} minutes={} connections={} flakiness={}: kills {}; getCredential {}"
                            + " reads, {} failed, longest unreadable {} ms; settled in {} ms; sandbox {}; {} events, {}"
                            + " updates, problems {}, {} revoked; statuses {}", SEED, MINUTES, CONNECTIONS,
                    FLAKINESS, kills, readsDuring, failuresDuring, longestUnreadable, recoveryMillis, counters,
                    published.events(), published.updates(), published.problems(), revokedUpdates, statuses);
            if (unsettled != null) {
                throw unsettled;
            }
            assertThat(counters.path("replays_detected").asInt()).as("refresh tokens replayed").isZero();
            assertThat(counters.path("tokens_revoked").asInt()).as("tokens revoked at the server").isZero();
            // refreshing: a refresh met the flaky proxy and is retried (the credential is still served)
            assertThat(statuses.keySet()).as("connection statuses").isSubsetOf("active", "refreshing");
            assertThat(statuses.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(CONNECTIONS);
            assertThat(published.problems()).as("changes not published exactly once").isEmpty();
            assertThat(revokedUpdates).as("revocations").isZero();
        } finally {
            shape.killAll();
        }
    }

    /** Connects {@code user<i>}; a connect met by the flaky proxy is tried again, as a user would. */
    private static void connectDespiteFlakiness(ShapeClient client, TestTenant tenant, int i) {
        ShapeFixture.awaitOrExplain(Duration.ofSeconds(60), () -> {
            try {
                // the callback redirects to returnTo even when the code exchange met an outage: read it back
                client.connect(1, tenant, "user-" + i, "user" + i, "user" + i + "-password");
                Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                        .until(() -> client.credential(1, tenant, "user-" + i).status() == 200);
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }, () -> "user-" + i + " could not connect");
    }

    private static java.util.concurrent.Callable<Boolean> pauseOf(Duration pause) {
        long until = System.nanoTime() + pause.toNanos();
        return () -> System.nanoTime() >= until;
    }

    private static Map<String, Long> statuses(Map<String, JsonNode> connections) {
        Map<String, Long> counts = new TreeMap<>();
        connections.values().forEach(c -> counts.merge(c.path("status").asText(), 1L, Long::sum));
        return counts;
    }
}
