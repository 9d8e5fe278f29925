package io.authpipe.broker.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authpipe.broker.tenant.TenantRecords;
import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.CompactedTopics;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.broker.testing.TopicProbe;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.events.ConnectionEstablished;
import io.authpipe.events.ConnectionStatus;
import io.authpipe.events.ConnectionEvent;
import io.authpipe.events.Revocation;
import io.authpipe.events.RevocationReason;
import io.authpipe.events.StatusChange;
import io.authpipe.events.StoredCredential;
import io.authpipe.events.Tenant;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.records.SealedBytes;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import io.authpipe.vault.KmsKeyUnusableException;
import io.authpipe.vault.Purpose;
import io.authpipe.vault.SecretBinding;
import io.authpipe.vault.TenantKeys;
import io.authpipe.vault.Vault;
import io.authpipe.vault.VaultCryptoException;
import io.authpipe.vault.kms.LocalKeyFileKms;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deleting a tenant crypto-shreds it: tokens are revoked at the instance, state is tombstoned, keys are destroyed,
 * and the sealed secrets still lying in raw topic bytes (events, changelogs) no longer decrypt. Deleting a tenant or
 * one connection leaves nothing of it on the compacted topics once they are compacted.
 */
@ExtendWith(KafkaBrokerExtension.class)
class TenantDeletionTest {
    static BrokerFixture fixture;
    static EmbeddedKafka broker;
    static Path dir;

    @BeforeAll
    static void start(EmbeddedKafka kafka, @TempDir Path tempDir) {
        broker = kafka;
        dir = tempDir;
        fixture = BrokerFixture.start(kafka, tempDir);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void afterDeletionNothingOfTheTenantDecryptsFromTheRawBytes() {
        // Given a tenant with two connections; its key record and sealed tokens as they lie on the topics
        TestTenant tenant = fixture.createTenant("doomed");
        fixture.connect(tenant, "user-1", "alice", "alice-password");
        fixture.connect(tenant, "user-2", "bob", "bob-password");
        String token = fixture.api(tenant).get("/v1/credentials/mastodon/user-1").json().path("credential").asText();
        TenantKeys keys = rawTenantKeys(tenant.id());
        assertThat(decryptAll(tenant.id(), keys)).contains(token);

        // When the operator deletes the tenant
        Api.Reply deleted = fixture.admin().delete("/admin/v1/tenants/" + tenant.id());

        // Then its tokens are revoked at the instance, its key no longer works, it is reported revoked ...
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().path("connectionsErased").asInt()).isEqualTo(2);
        assertThat(fixture.sandbox().operator().activeTokensOf("alice")).doesNotContain(token);
        assertThat(fixture.api(tenant).get("/v1/connections").status()).isEqualTo(401);
        await().atMost(Duration.ofSeconds(30)).until(() -> revocationsOf(tenant.id()).size() == 2);
        // ... and no envelope of it in any raw topic bytes decrypts, even with a fresh vault and the old key record
        List<String> recovered = decryptAll(tenant.id(), keys);
        assertThat(recovered).isEmpty();
    }

    @Test
    void afterCompactionNoCompactedTopicHoldsADeletedConnectionOrTenant() throws Exception {
        // Given a tenant keeping one connection and deleting another, and a tenant deleted whole
        TestTenant keeping = fixture.createTenant("keeping");
        String leaving = "leaving-" + UUID.randomUUID();
        String staying = "staying-" + UUID.randomUUID();
        fixture.connect(keeping, leaving, "alice", "alice-password");
        fixture.connect(keeping, staying, "bob", "bob-password");
        TestTenant erased = fixture.createTenant("erased");
        fixture.connect(erased, "user-1", "alice", "alice-password");

        try (CompactedTopics topics = CompactedTopics.eager(broker.bootstrapServers(), compactedTopics())) {
            // When the first connection is deleted and the second tenant too
            assertThat(fixture.api(keeping).delete("/v1/connections/mastodon/" + leaving).status()).isEqualTo(200);
            assertThat(fixture.admin().delete("/admin/v1/tenants/" + erased.id()).status()).isEqualTo(200);

            // Then each learnt why: a last DELETED record on credential-updated and a revocation (visible to a
            // read_committed reader once the vault's transaction commits, just after the DELETE answered) ...
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(deletions(keeping.id(), leaving)).containsExactly(RevocationReason.DISCONNECTED_BY_TENANT);
                assertThat(deletions(erased.id(), "user-1")).containsExactly(RevocationReason.TENANT_DELETED);
            });
            // ... and once compacted, no compacted topic or changelog holds a byte of them; the other one stays
            await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                topics.nudge();
                assertThat(topics.recordsContaining(leaving)).isEmpty();
                assertThat(topics.recordsContaining(erased.id())).isEmpty();
            });
            assertThat(topics.holds(Topics.CREDENTIAL_UPDATED,
                    ConnectionKey.of(keeping.id(), "mastodon", staying).asKafkaKey())).isTrue();
        }
    }

    /** Every compacted topic a connection or tenant leaves records on, and the vault's changelogs. */
    private static List<String> compactedTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            List<String> topics = new ArrayList<>(List.of(Topics.CREDENTIAL_UPDATED, Topics.CHECK_SUBJECTS,
                    Topics.EXPIRY_TIMERS, Topics.AUTHORIZATIONS, Topics.CONNECT_SESSIONS, Topics.APP_REGISTRATIONS,
                    Topics.TENANTS, Topics.TENANT_SECRETS));
            admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith(fixture.applicationId()) && t.endsWith("-changelog"))
                    .forEach(topics::add);
            return topics;
        }
    }

    /** The reasons of the deletions the revocations topic reports for a connection. */
    private static List<RevocationReason> deletions(String tenantId, String userId) {
        AvroSerde<Revocation> serde = AvroSerde.of(Revocation.class, SchemaRegistry.none());
        String key = ConnectionKey.of(tenantId, "mastodon", userId).asKafkaKey();
        return topics().records(Topics.REVOCATIONS).stream().filter(r -> key.equals(r.key()))
                .map(r -> serde.deserialize(Topics.REVOCATIONS, r.value()))
                .filter(r -> r.getChange() == StatusChange.DELETED && r.getStatus() == ConnectionStatus.DELETED)
                .map(Revocation::getReason).toList();
    }

    /** The tenant's keys as the raw tenants topic holds them (what an attacker with a topic copy would have). */
    private static TenantKeys rawTenantKeys(String tenantId) {
        AvroSerde<Tenant> serde = AvroSerde.of(Tenant.class, SchemaRegistry.none());
        return topics().values(Topics.TENANTS).stream().filter(b -> b != null)
                .map(b -> serde.deserialize(Topics.TENANTS, b))
                .filter(t -> t.getTenantId().equals(tenantId)).reduce((a, b) -> b)
                .map(t -> TenantRecords.fromAvro(t).keys()).orElseThrow();
    }

    /** Every access token of the tenant that a fresh vault can open from connection events and changelogs. */
    private static List<String> decryptAll(String tenantId, TenantKeys keys) {
        Vault fresh = new Vault(LocalKeyFileKms.openOrCreate(dir.resolve("master.key")), Clock.systemUTC());
        List<String> opened = new ArrayList<>();
        AvroSerde<ConnectionEvent> events = AvroSerde.of(ConnectionEvent.class, SchemaRegistry.none());
        for (byte[] bytes : topics().values(Topics.CONNECTION_EVENTS)) {
            ConnectionEvent event = events.deserialize(Topics.CONNECTION_EVENTS, bytes);
            if (event.getConnection().getTenantId().equals(tenantId)
                    && event.getPayload() instanceof ConnectionEstablished established) {
                tryOpen(fresh, keys, event.getConnection().getUserId(), established.getAccessToken(), opened);
            }
        }
        AvroSerde<StoredCredential> stored = AvroSerde.of(StoredCredential.class, SchemaRegistry.none());
        topics().values(fixture.applicationId() + "-credentials-changelog").stream().filter(b -> b != null)
                .map(b -> stored.deserialize("changelog", b))
                .filter(c -> c.getConnection().getTenantId().equals(tenantId) && c.getAccessToken() != null)
                .forEach(c -> tryOpen(fresh, keys, c.getConnection().getUserId(), c.getAccessToken(), opened));
        return opened;
    }

    private static TopicProbe topics() {
        return new TopicProbe(broker.bootstrapServers());
    }

    private static void tryOpen(Vault vault, TenantKeys keys, String user, io.authpipe.events.EncryptedSecret sealed,
                                List<String> opened) {
        ConnectionKey key = ConnectionKey.of(keys.tenant().value(), "mastodon", user);
        try {
            opened.add(vault.decrypt(keys, SecretBinding.forConnection(key, Purpose.ACCESS_TOKEN),
                    SealedBytes.unwrap(sealed)).reveal());
        } catch (VaultCryptoException | KmsKeyUnusableException shredded) {
            // what a destroyed key leaves: nothing to open
        }
    }

    private static List<Revocation> revocationsOf(String tenantId) {
        AvroSerde<Revocation> serde = AvroSerde.of(Revocation.class, SchemaRegistry.none());
        return topics().values(Topics.REVOCATIONS).stream().map(b -> serde.deserialize(Topics.REVOCATIONS, b))
                .filter(r -> r.getConnection().getTenantId().equals(tenantId)
                        && r.getReason() == RevocationReason.TENANT_DELETED).toList();
    }
}
