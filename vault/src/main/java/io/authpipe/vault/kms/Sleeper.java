package io.authpipe.vault.kms;

import java.time.Duration;

/** Waits between retries. Injected so that tests run retries without sleeping. */
@FunctionalInterface
public interface Sleeper {
    /** The real thing: {@link Thread#sleep}. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    /** Blocks for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;
}
