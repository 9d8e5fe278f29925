package io.authpipe.health.check;

import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.events.CheckSubject;
import io.authpipe.vault.TenantKeys;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One check handed from the schedule to the network: the subject (with the sealed access token), the tenant's keys to
 * open it, and where its {@link CheckDone} goes.
 *
 * @param urgent   a consumer or operator asked for it (it jumps its instance's queue)
 * @param takenAt  when the schedule handed it over
 * @param onDone   called once, on an executor thread, when the check is over
 */
public record CheckJob(String connectionKey, CheckSubject subject, TenantKeys keys, boolean urgent, Instant takenAt,
                       Consumer<CheckDone> onDone) {

    public long version() {
        return subject.getVersion();
    }

    public String tenant() {
        return subject.getConnection().getTenantId();
    }

    /** The instance's authority ({@code host[:port]}): what per-instance budgets count. */
    public String host() {
        return InstanceAddress.authorityOf(subject.getInstance());
    }
}
