package io.authpipe.broker;

import io.authpipe.broker.config.BrokerConfig;
import io.authpipe.core.config.EnvReader;
import io.authpipe.core.ops.ServiceProcess;
import java.time.Clock;

/**
 * The broker-api process on its own (production shape): configuration from the environment; one process per
 * {@code AUTHPIPE_STATE_DIR}, stopped within {@code AUTHPIPE_SHUTDOWN_TIMEOUT} on SIGTERM (see {@link ServiceProcess}).
 */
public final class BrokerMain {
    private BrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EnvReader env = EnvReader.system();
        Clock clock = Clock.systemUTC();
        BrokerConfig config = ServiceProcess.configure(() -> BrokerConfig.fromEnv(env));
        ServiceProcess process = ServiceProcess.claim("broker-api", config.stateDir(), env, clock);
        process.start("broker-api", () -> BrokerApi.start(config, clock));
        process.runUntilStopped();
    }
}
