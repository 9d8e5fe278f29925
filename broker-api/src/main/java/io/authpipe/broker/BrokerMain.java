package io.authpipe.broker;

import io.authpipe.broker.config.BrokerConfig;
import io.authpipe.core.config.EnvReader;
import java.time.Clock;

/** The broker-api process on its own (production shape): configuration from the environment. */
public final class BrokerMain {
    private BrokerMain() {
    }

    public static void main(String[] args) {
        BrokerApi api = BrokerApi.start(BrokerConfig.fromEnv(EnvReader.system()), Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(api::close, "broker-api-shutdown"));
    }
}
