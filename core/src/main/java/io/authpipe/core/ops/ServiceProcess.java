package io.authpipe.core.ops;

import io.authpipe.core.config.ConfigException;
import io.authpipe.core.config.EnvReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every Authpipe {@code main} does around its service, in this order:
 * <ol>
 *   <li>{@link #configure}: read the settings; a bad one exits with {@link #CONFIG_ERROR_STATUS};</li>
 *   <li>{@link #claim}: lock the data directory ({@link DataDirLock}) before anything touches it; a directory held
 *       by another process exits with {@link #IN_USE_STATUS} and a message naming that process;</li>
 *   <li>{@link #start}: start the parts, each added to the process's {@link ShutdownSequence} (a failure stops
 *       those started and exits with {@link #START_FAILED_STATUS});</li>
 *   <li>{@link #runUntilStopped}: on SIGTERM stop them newest first within {@code AUTHPIPE_SHUTDOWN_TIMEOUT}
 *       ({@link BoundedShutdown}), then release the lock.</li>
 * </ol>
 * Messages of refused starts go to the {@code authpipe.console} logger (the console, not the data directory's log
 * file, which belongs to the process holding it).
 */
public final class ServiceProcess {
    /** Exit status of a process whose start failed. */
    public static final int START_FAILED_STATUS = 1;
    /** Exit status of a start refused for a bad setting. */
    public static final int CONFIG_ERROR_STATUS = 2;
    /** Exit status of a start refused because another process holds the data directory. */
    public static final int IN_USE_STATUS = 3;
    /** {@code AUTHPIPE_SHUTDOWN_TIMEOUT}'s default: Kubernetes' default grace period before it kills. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(ServiceProcess.class);
    private static final Logger CONSOLE = LoggerFactory.getLogger("authpipe.console");

    private final String name;
    private final Duration shutdownTimeout;
    private final ShutdownSequence parts = new ShutdownSequence();

    private ServiceProcess(String name, DataDirLock lock, Duration shutdownTimeout) {
        this.name = name;
        this.shutdownTimeout = shutdownTimeout;
        parts.add("lock on " + lock.file().getParent(), lock);
    }

    /** The settings {@code read} returns; a {@link ConfigException} ends the process with its message. */
    public static <T> T configure(Supplier<T> read) {
        try {
            return read.get();
        } catch (ConfigException e) {
            CONSOLE.error("configuration error: {}", e.getMessage());
            System.exit(CONFIG_ERROR_STATUS);
            throw e; // not reached: exit does not return
        }
    }

    /**
     * Locks {@code dataDir} for the process {@code name}, or ends the process if another one holds it. Reads
     * {@code AUTHPIPE_SHUTDOWN_TIMEOUT} from {@code env} (a bad value ends it too).
     */
    public static ServiceProcess claim(String name, Path dataDir, EnvReader env, Clock clock) {
        Duration timeout = configure(() -> shutdownTimeout(env));
        DataDirLock.Attempt attempt = DataDirLock.acquire(dataDir, name, clock);
        if (attempt instanceof DataDirLock.Acquired acquired) {
            return new ServiceProcess(name, acquired.lock(), timeout);
        }
        DataDirLock.InUse inUse = (DataDirLock.InUse) attempt;
        CONSOLE.error("{} not started: {}", name, inUse.message());
        System.exit(IN_USE_STATUS);
        throw new IllegalStateException(inUse.message()); // not reached: exit does not return
    }

    /** {@code AUTHPIPE_SHUTDOWN_TIMEOUT}: how long a SIGTERM may take before the process halts (at least 1 s). */
    static Duration shutdownTimeout(EnvReader env) {
        Duration timeout = env.duration("AUTHPIPE_SHUTDOWN_TIMEOUT", DEFAULT_SHUTDOWN_TIMEOUT);
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigException("AUTHPIPE_SHUTDOWN_TIMEOUT must be at least 1s, was " + timeout);
        }
        return timeout;
    }

    /** Starts one part named {@code part}, to be stopped before the parts started earlier. */
    public <T extends AutoCloseable> T start(String part, Supplier<T> start) {
        return start(parts -> parts.add(part, start.get()));
    }

    /**
     * Runs {@code start}, which starts parts and adds each to the sequence it is given. If it fails, the parts
     * started so far stop and the process ends with {@link #START_FAILED_STATUS} (or {@link #CONFIG_ERROR_STATUS}).
     */
    public <T> T start(Function<ShutdownSequence, T> start) {
        try {
            return start.apply(parts);
        } catch (ConfigException e) {
            CONSOLE.error("configuration error: {}", e.getMessage());
            stopAndExit(CONFIG_ERROR_STATUS);
            throw e; // not reached
        } catch (RuntimeException e) {
            LOG.error("{} failed to start", name, e);
            stopAndExit(START_FAILED_STATUS);
            throw e; // not reached
        }
    }

    private void stopAndExit(int status) {
        BoundedShutdown.run(parts, shutdownTimeout, Runtime.getRuntime()::halt);
        System.exit(status);
    }

    /** Stops the parts on SIGTERM (within the shutdown timeout) and blocks this thread until then. */
    public void runUntilStopped() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        parts.add("main thread", stopped::countDown);
        BoundedShutdown.install(parts, shutdownTimeout);
        LOG.info("{} running (pid {}); stops on SIGTERM within {}", name, ProcessHandle.current().pid(),
                shutdownTimeout);
        stopped.await();
    }
}
