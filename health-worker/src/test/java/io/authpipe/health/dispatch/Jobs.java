package io.authpipe.health.dispatch;

import io.authpipe.core.identity.TenantId;
import io.authpipe.events.CheckSubject;
import io.authpipe.events.ConnectionRef;
import io.authpipe.events.ConnectionStatus;
import io.authpipe.events.EncryptedSecret;
import io.authpipe.health.check.CheckDone;
import io.authpipe.health.check.CheckJob;
import io.authpipe.vault.KekRef;
import io.authpipe.vault.TenantKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;

/** Check jobs for the dispatch tests: connection {@code <tenant>:mastodon:<user>} at {@code https://<host>}. */
final class Jobs {
    static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

    private Jobs() {
    }

    static CheckJob job(String tenant, String user, String host) {
        return job(tenant, user, host, false, done -> { });
    }

    static CheckJob urgent(String tenant, String user, String host) {
        return job(tenant, user, host, true, done -> { });
    }

    static CheckJob job(String tenant, String user, String host, boolean urgent, Consumer<CheckDone> onDone) {
        CheckSubject subject = CheckSubject.newBuilder().setConnection(new ConnectionRef(tenant, "mastodon", user))
                .setVersion(1).setStatus(ConnectionStatus.ACTIVE).setInstance("https://" + host)
                .setAccessToken(new EncryptedSecret(ByteBuffer.wrap("sealed".getBytes(StandardCharsets.UTF_8))))
                .build();
        return new CheckJob(key(tenant, user), subject, TenantKeys.of(TenantId.of(tenant), new KekRef("kek-" + tenant)),
                urgent, T0, onDone);
    }

    static String key(String tenant, String user) {
        return tenant + ":mastodon:" + user;
    }
}
