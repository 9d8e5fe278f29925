package io.authpipe.core.ops;

import io.authpipe.core.config.EnvReader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * A service for {@link ServiceProcessTest}, run in a child JVM: it claims {@code EXAMPLE_DIR}, starts a part that
 * stops at once and, with {@code EXAMPLE_STUCK=true}, a part whose stop never returns, then logs {@code running}.
 */
public final class ExampleService {
    private ExampleService() {
    }

    public static void main(String[] args) throws InterruptedException {
        EnvReader env = EnvReader.system();
        Path dir = ServiceProcess.configure(() -> Path.of(env.required("EXAMPLE_DIR", "a directory")));
        ServiceProcess process = ServiceProcess.claim("example", dir, env, Clock.systemUTC());
        process.start("quick part", () -> () -> { });
        if (env.bool("EXAMPLE_STUCK", false)) {
            process.start("stuck part", () -> () -> new CountDownLatch(1).await());
        }
        LoggerFactory.getLogger("authpipe.console").warn("running");
        process.runUntilStopped();
    }
}
