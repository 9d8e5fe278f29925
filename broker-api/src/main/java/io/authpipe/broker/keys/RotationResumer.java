package io.authpipe.broker.keys;

import io.authpipe.broker.tenant.Tenant;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps key rotations moving on every instance: every {@code interval}, for each tenant whose rotation is still
 * running, reseals what this instance holds. This is how a rotation resumes after a crash or a rebalance.
 */
public final class RotationResumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RotationResumer.class);

    private final Supplier<List<Tenant>> tenants;
    private final KeyRotations rotations;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "authpipe-rotation-resumer");
        thread.setDaemon(true);
        return thread;
    });

    public RotationResumer(Supplier<List<Tenant>> tenants, KeyRotations rotations) {
        this.tenants = tenants;
        this.rotations = rotations;
    }

    public RotationResumer start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One pass; failures are logged and retried on the next pass. */
    public void runOnce() {
        for (Tenant tenant : tenants.get()) {
            if (tenant.rotation().isPresent() && tenant.rotation().get().running()) {
                try {
                    int moved = rotations.resealLocal(tenant);
                    LOG.info("key rotation pass tenant={} moved={}", tenant.id(), moved);
                } catch (RuntimeException e) {
                    LOG.warn("key rotation pass failed tenant={} cause={}", tenant.id(), e.toString());
                }
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
