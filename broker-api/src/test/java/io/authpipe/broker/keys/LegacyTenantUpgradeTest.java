package io.authpipe.broker.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.broker.tenant.ApiKey;
import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.broker.testing.TopicProbe;
import io.authpipe.core.identity.TenantId;
import io.authpipe.events.Tenant;
import io.authpipe.events.WrappedKey;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A tenant written before per-tenant keys (no key-encryption key) gets one at start-up and keeps working. */
@ExtendWith(KafkaBrokerExtension.class)
class LegacyTenantUpgradeTest {
    static BrokerFixture fixture;

    @BeforeAll
    static void start(EmbeddedKafka kafka, @TempDir Path dir) {
        fixture = BrokerFixture.start(kafka, dir);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aTenantWithoutAKeyEncryptionKeyIsUpgradedOnRestart() {
        // Given a tenant record as the first release wrote it: a legacy data key, no key-encryption key
        String id = "legacy-" + System.nanoTime() % 100_000;
        ApiKey key = ApiKey.generate(TenantId.of(id));
        Tenant record = Tenant.newBuilder().setTenantId(id).setDisplayName("Legacy")
                .setApiKeyHash(ByteBuffer.wrap(key.hash())).setReturnUrls(List.of(BrokerFixture.RETURN_TO))
                .setDataKeys(List.of(new WrappedKey(1, "local:0123456789abcdef", ByteBuffer.wrap(new byte[61]))))
                .setCreatedAt(Instant.now()).build();
        new TopicProbe(fixture.kafkaBootstrap()).send(Topics.TENANTS, id,
                AvroSerde.of(Tenant.class, SchemaRegistry.none()).serialize(Topics.TENANTS, record));

        // When broker-api starts again
        fixture.restart();

        // Then the tenant has a key and can connect an account
        TestTenant tenant = new TestTenant(id, key.value().reveal(), BrokerFixture.RETURN_TO);
        assertThat(fixture.broker().tenants().find(TenantId.of(id)).orElseThrow().keys().keks()).hasSize(1);
        fixture.connect(tenant, "user-1", "alice", "alice-password");
        Api.Reply credential = fixture.api(tenant).get("/v1/credentials/mastodon/user-1");
        assertThat(credential.status()).isEqualTo(200);
    }
}
