package io.authpipe.sandbox.mastodon.process;

import io.authpipe.sandbox.mastodon.MastodonSandbox;
import java.security.SecureRandom;
import java.util.concurrent.CountDownLatch;

/**
 * The Mastodon sandbox as a process of its own (the production shape on one machine), configured by
 * {@link SandboxProcessSettings#fromEnv}. Prints {@code Mastodon sandbox ready at http://127.0.0.1:PORT} once it
 * accepts connections; state lives in memory and ends with the process.
 */
public final class SandboxMain {
    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SandboxProcessSettings settings = SandboxProcessSettings.fromEnv(System::getenv);
        MastodonSandbox sandbox = MastodonSandbox.start(settings.toConfig());
        FlakyProxy flaky = FlakyProxy.start(sandbox.operator(), settings.flakiness(), new SecureRandom());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            flaky.close();
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        System.out.println("Mastodon sandbox ready at " + sandbox.baseUrl() + " (tokens "
                + settings.tokenTtl().map(ttl -> "expire after " + ttl + (settings.rotate() ? ", refresh tokens"
                + " rotate" : "")).orElse("never expire") + ", flakiness " + settings.flakiness() + ")");
        stopped.await();
    }
}
