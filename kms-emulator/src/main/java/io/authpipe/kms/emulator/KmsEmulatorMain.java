package io.authpipe.kms.emulator;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * The KMS emulator as a process of its own (the production shape on one machine): listens on
 * {@code 127.0.0.1:AUTHPIPE_KMS_EMULATOR_PORT} (default 4566; 0 picks a free port) and prints
 * {@code KMS emulator ready at http://127.0.0.1:PORT} once it accepts connections. Keys live in memory only, so
 * a restart forgets every tenant key: stop it last. Any access key id and secret are accepted.
 */
public final class KmsEmulatorMain {
    private KmsEmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String port = System.getenv().getOrDefault("AUTHPIPE_KMS_EMULATOR_PORT", "4566");
        KmsEmulator emulator = KmsEmulator.start(Clock.systemUTC(), Integer.parseInt(port.strip()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "kms-emulator-shutdown"));
        System.out.println("KMS emulator ready at " + emulator.endpoint() + " (region " + emulator.region() + ")");
        stopped.await();
    }
}
