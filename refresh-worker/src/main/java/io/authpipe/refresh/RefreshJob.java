package io.authpipe.refresh;

import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.events.AppRegistration;
import io.authpipe.events.ExpiryTimer;
import io.authpipe.vault.TenantKeys;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One refresh handed from the schedule to the network: the timer (with the sealed tokens), the tenant's keys to open
 * them, the app the token was issued to, and where its {@link Completion} goes.
 *
 * @param mode         what to do (see {@link Mode})
 * @param attempt      how many times this connection version has been handed over (1 the first time)
 * @param app          the app registration; empty when it is gone (the refresh then fails permanently)
 * @param onCompletion called once, on an executor thread, when the job is done
 */
public record RefreshJob(String connectionKey, ExpiryTimer timer, Mode mode, int attempt, TenantKeys keys,
                         Optional<AppRegistration> app, Consumer<Completion> onCompletion) {

    public enum Mode {
        /** Refresh with the stored refresh token. */
        REFRESH,
        /**
         * A refresh of this version was sent before and its outcome is unknown (crash, timeout, lost answer):
         * probe with the access token before the refresh token is sent again.
         */
        PROBE_FIRST,
        /** The token expired and the server issued no refresh token: report that the user must authorise again. */
        REPORT_EXPIRED
    }

    public long version() {
        return timer.getVersion();
    }

    /** The instance authority the job talks to: what per-host throttling counts. */
    public String host() {
        return hostOf(timer);
    }

    /** The authority of the timer's instance ({@code host[:port]}); empty for timers without one. */
    public static String hostOf(ExpiryTimer timer) {
        String instance = timer.getInstance();
        return instance == null ? "" : InstanceAddress.authorityOf(instance);
    }
}
