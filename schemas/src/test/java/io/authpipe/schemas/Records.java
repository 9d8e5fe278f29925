package io.authpipe.schemas;

import io.authpipe.events.AccountInfo;
import io.authpipe.events.ConnectReply;
import io.authpipe.events.ConnectionEstablished;
import io.authpipe.events.ConnectionEvent;
import io.authpipe.events.ConnectionRef;
import io.authpipe.events.ConnectionStatus;
import io.authpipe.events.CredentialUpdated;
import io.authpipe.events.EncryptedSecret;
import io.authpipe.events.Tenant;
import io.authpipe.events.WrappedKey;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/** Sample records for serde tests. The user id is the "payload" that must never reach an error message. */
final class Records {

    static final String SECRET_USER = "user-with-a-secret-name";
    static final Instant AT = Instant.parse("2025-01-02T03:04:05.678Z");

    private Records() {
    }

    static ConnectionRef connection() {
        return new ConnectionRef("acme", "mastodon", SECRET_USER);
    }

    static ConnectReply connectReply() {
        return ConnectReply.newBuilder().setRequestId("req-1").setConnection(connection())
                .setAuthorizeUrl("https://mastodon.example/oauth/authorize?state=abc").setExpiresAt(AT).build();
    }

    static AccountInfo account() {
        return AccountInfo.newBuilder().setId("109").setUsername("Alice").setAcct("alice@example.social")
                .setUri("https://example.social/users/alice").build();
    }

    static CredentialUpdated credentialUpdated() {
        return CredentialUpdated.newBuilder().setConnection(connection()).setVersion(7)
                .setStatus(ConnectionStatus.ACTIVE).setInstance("https://mastodon.example")
                .setScopes(List.of("read", "write:statuses")).setTokenType("Bearer").setAccount(account())
                .setUpdatedAt(AT).build();
    }

    static ConnectionEvent established() {
        ConnectionEstablished established = ConnectionEstablished.newBuilder()
                .setInstance("https://mastodon.example").setAppRef("acme|https://mastodon.example|read")
                .setAccessToken(new EncryptedSecret(ByteBuffer.wrap(new byte[] {1, 2, 3, 4})))
                .setTokenType("Bearer").setScopes(List.of("read")).setTokenCreatedAt(AT).setAccount(account())
                .build();
        return ConnectionEvent.newBuilder().setEventId("5f0c0d8e-4a43-4f5e-9d0e-3a8f6b1e2c11")
                .setConnection(connection()).setOccurredAt(AT).setBaseVersion(3L).setPayload(established).build();
    }

    static Tenant tenant() {
        WrappedKey key = new WrappedKey(1, "local:kek-1", ByteBuffer.wrap(new byte[] {9, 8, 7}));
        return Tenant.newBuilder().setTenantId("acme").setDisplayName("Acme")
                .setApiKeyHash(ByteBuffer.wrap(new byte[32])).setReturnUrls(List.of("https://acme.example/done"))
                .setDataKeys(List.of(key)).setCreatedAt(AT).build();
    }

    static byte[] concat(byte[] first, byte[] second) {
        return ByteBuffer.allocate(first.length + second.length).put(first).put(second).array();
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
