package io.authpipe.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long version of "a kill -9 at any moment restarts cleanly", off by default: {@code -Dauthpipe.killSoak=N}
 * ({@code -Dauthpipe.killSoak.seed=S} to replay). N/3 fresh homes are killed at a random moment of their very first
 * start (while the broker formats, topics are created, the dev tenant is issued) and must then start; then one home
 * with a connected account is killed N times at random moments (starting, recovering, running) and must come back
 * with the account and the API key. No start may end on its own (a crash loop). Prints MEASURE lines.
 */
@EnabledIfSystemProperty(named = "authpipe.killSoak", matches = "[1-9][0-9]*")
class LauncherKillSoakTest {
    private static final Logger LOG = LoggerFactory.getLogger(LauncherKillSoakTest.class);
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    final int rounds = Integer.getInteger("authpipe.killSoak");
    final long seed = Long.getLong("authpipe.killSoak.seed", System.nanoTime());
    final Random random = new Random(seed);

    @Test
    void killNineAtRandomMomentsNeverKeepsTheLauncherFromStarting(@TempDir Path tmp) throws Exception {
        LOG.info("MEASURE soak rounds={} seed={}", rounds, seed);
        Duration firstStart = timedReady(Launchers.env(tmp.resolve("probe"), SHUTDOWN_TIMEOUT), tmp, "probe");
        for (int i = 0; i < Math.max(1, rounds / 3); i++) {
            Map<String, String> env = Launchers.env(tmp.resolve("fresh-" + i), SHUTDOWN_TIMEOUT);
            killAtRandom(env, tmp, "fresh-" + i, firstStart);
            LOG.info("MEASURE fresh home {} ready after its first start's kill in {} ms", i,
                    timedReady(env, tmp, "fresh-" + i + "-again").toMillis());
        }

        Path home = tmp.resolve("home");
        Map<String, String> env = Launchers.env(home, SHUTDOWN_TIMEOUT);
        ChildJvm first = Launchers.startReady(env, tmp, "home");
        DevFacts before = DevFacts.read(home.resolve("dev.json")).orElseThrow();
        Launchers.connectAlice(before);
        first.process().destroyForcibly().waitFor();
        for (int i = 0; i < rounds; i++) {
            killAtRandom(env, tmp, "home-" + i, firstStart);
        }

        long begun = System.nanoTime();
        ChildJvm last = Launchers.startReady(env, tmp, "home-last");
        LOG.info("MEASURE home ready after {} kills in {} ms", rounds,
                Duration.ofNanos(System.nanoTime() - begun).toMillis());
        DevFacts after = DevFacts.read(home.resolve("dev.json")).orElseThrow();
        assertThat(after.apiKey()).isEqualTo(before.apiKey());
        assertThat(Launchers.status(after.apiUrl() + "/health", null)).isEqualTo(200);
        assertThat(Launchers.get(after.apiUrl() + "/v1/credentials/mastodon/user-1", after.apiKey())
                .path("account").path("username").asText()).isEqualTo("alice");
        last.process().destroyForcibly().waitFor();
    }

    /** Starts a launcher, lets it run for a random part of {@code scale} (up to 1.5x), and kills it with -9. */
    private void killAtRandom(Map<String, String> env, Path dir, String name, Duration scale) throws Exception {
        long delay = (long) (random.nextDouble() * 1.5 * scale.toMillis());
        ChildJvm child = Launchers.start(env, dir, name);
        boolean endedOnItsOwn = child.process().waitFor(delay, TimeUnit.MILLISECONDS);
        assertThat(endedOnItsOwn).as("%s ended on its own: %s", name, child.err()).isFalse();
        boolean ready = Launchers.isReady(child);
        child.process().destroyForcibly().waitFor();
        LOG.info("MEASURE {} killed after {} ms ({})", name, delay, ready ? "ready" : "starting");
    }

    private static Duration timedReady(Map<String, String> env, Path dir, String name) throws InterruptedException {
        long begun = System.nanoTime();
        ChildJvm child = Launchers.startReady(env, dir, name);
        Duration took = Duration.ofNanos(System.nanoTime() - begun);
        child.process().destroyForcibly().waitFor();
        return took;
    }
}
