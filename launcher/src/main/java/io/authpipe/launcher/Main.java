package io.authpipe.launcher;

import io.authpipe.core.config.ConfigException;
import io.authpipe.core.config.EnvReader;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code ./authpipe}: starts the embedded default, prints what to do next, and runs until interrupted. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        long start = System.nanoTime();
        EnvReader env = EnvReader.system();
        DevEnvironment dev;
        try {
            dev = DevEnvironment.start(env, Clock.systemUTC());
        } catch (ConfigException e) {
            LOG.error("configuration error: {}", e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dev.close();
            stopped.countDown();
        }, "authpipe-shutdown"));
        Banner.print(dev.facts(), DevEnvironment.factsFile(DevSettings.fromEnv(env)),
                (System.nanoTime() - start) / 1_000_000);
        stopped.await();
    }
}
