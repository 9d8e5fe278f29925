package io.authpipe.broker.vault;

import io.authpipe.events.AccountInfo;
import io.authpipe.events.ConnectionDisconnected;
import io.authpipe.events.ConnectionEstablished;
import io.authpipe.events.ConnectionEvent;
import io.authpipe.events.ConnectionRef;
import io.authpipe.events.EncryptedSecret;
import io.authpipe.events.ProviderRevocation;
import io.authpipe.events.RevocationReason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Connection events with literal values, for topology and lifecycle tests. */
final class Events {
    static final ConnectionRef CONNECTION = new ConnectionRef("acme", "mastodon", "user-1");
    static final String KEY = "acme:mastodon:user-1";

    private Events() {
    }

    static ConnectionEvent established(Instant at, Long baseVersion, Instant expiresAt) {
        return event(at, baseVersion, ConnectionEstablished.newBuilder()
                .setInstance("https://mastodon.example")
                .setAppRef("acme:mastodon.example:abc")
                .setAccessToken(sealed("sealed-access-token"))
                .setRefreshToken(expiresAt == null ? null : sealed("sealed-refresh-token"))
                .setTokenType("Bearer")
                .setScopes(List.of("read", "write"))
                .setExpiresAt(expiresAt)
                .setTokenCreatedAt(at)
                .setAccount(new AccountInfo("42", "alice", "alice@example", null, null, null))
                .build());
    }

    static ConnectionEvent disconnected(Instant at, Long baseVersion) {
        return event(at, baseVersion, new ConnectionDisconnected(RevocationReason.DISCONNECTED_BY_TENANT,
                ProviderRevocation.REVOKED));
    }

    static ConnectionEvent resealed(Instant at, Long baseVersion, String marker) {
        return event(at, baseVersion, new io.authpipe.events.CredentialResealed(sealed(marker), null, "kek-2"));
    }

    static ConnectionEvent refreshed(Instant at, Long baseVersion, String marker, Instant expiresAt) {
        return event(at, baseVersion, io.authpipe.events.CredentialRefreshed.newBuilder()
                .setAccessToken(sealed(marker)).setRefreshToken(null).setTokenType("Bearer")
                .setScopes(List.of("read", "write")).setExpiresAt(expiresAt).build());
    }

    static ConnectionEvent refreshFailed(Instant at, Long baseVersion, boolean permanent, String error,
                                         Instant retryAt) {
        return event(at, baseVersion, new io.authpipe.events.RefreshFailed(permanent, error, retryAt, 1));
    }

    static ConnectionEvent refreshRequested(Instant at, Long baseVersion) {
        return event(at, baseVersion, new io.authpipe.events.RefreshRequested("expired"));
    }

    static ConnectionEvent expiringWithoutRefreshToken(Instant at, Instant expiresAt) {
        ConnectionEvent event = established(at, null, expiresAt);
        ((ConnectionEstablished) event.getPayload()).setRefreshToken(null);
        return event;
    }

    static ConnectionEvent checked(Instant at, Long baseVersion, io.authpipe.events.CheckOutcome outcome,
                                   Integer status, String errorCode) {
        return event(at, baseVersion, new io.authpipe.events.CredentialChecked(outcome,
                new io.authpipe.events.CheckEvidence(status, errorCode), null));
    }

    static ConnectionEvent erased(Instant at) {
        return event(at, null, new io.authpipe.events.ConnectionErased(RevocationReason.TENANT_DELETED));
    }

    private static ConnectionEvent event(Instant at, Long baseVersion, Object payload) {
        return ConnectionEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setConnection(CONNECTION)
                .setOccurredAt(at)
                .setBaseVersion(baseVersion)
                .setPayload(payload)
                .build();
    }

    static EncryptedSecret sealed(String marker) {
        return new EncryptedSecret(ByteBuffer.wrap(marker.getBytes(StandardCharsets.UTF_8)));
    }
}
