package io.authpipe.benchmarks;

import io.authpipe.events.AppRegistration;
import io.authpipe.events.Tenant;
import io.authpipe.mastodon.ClientCredentials;
import io.authpipe.records.SealedBytes;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import io.authpipe.vault.KekRef;
import io.authpipe.vault.SecretBinding;
import io.authpipe.vault.TenantKeys;
import io.authpipe.vault.Vault;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/**
 * The records broker-api would have published before any connection: the tenant on {@code authpipe.tenants} (its
 * KEK references, which the worker's global store turns into keys) and the app registration on
 * {@code authpipe.app-registrations} under {@link ScaleEnvironment#APP_REF}, its client secret sealed.
 */
final class SetupRecords {
    private final Vault vault;
    private final TenantKeys keys;
    private final String instanceOrigin;

    SetupRecords(Vault vault, TenantKeys keys, String instanceOrigin) {
        this.vault = vault;
        this.keys = keys;
        this.instanceOrigin = instanceOrigin;
    }

    void publish(String bootstrap, ClientCredentials app, String redirectUri) {
        try (TopicWriter writer = new TopicWriter(bootstrap, "bench-setup")) {
            writer.send(Topics.TENANTS, keys.tenant().value(), AvroSerde.of(Tenant.class, SchemaRegistry.none())
                    .serialize(Topics.TENANTS, tenant()));
            writer.send(Topics.APP_REGISTRATIONS, ScaleEnvironment.APP_REF,
                    AvroSerde.of(AppRegistration.class, SchemaRegistry.none())
                            .serialize(Topics.APP_REGISTRATIONS, app(app, redirectUri)));
        }
    }

    /** As broker-api's {@code TenantRecords.toAvro}: per-tenant KEKs, no legacy data keys, an all-zero key hash. */
    private Tenant tenant() {
        return Tenant.newBuilder().setTenantId(keys.tenant().value()).setDisplayName("Benchmark")
                .setApiKeyHash(ByteBuffer.wrap(new byte[32])).setReturnUrls(List.of()).setDataKeys(List.of())
                .setKeks(keys.keks().stream().map(KekRef::value).toList()).setKeyRotation(null)
                .setCreatedAt(Instant.now()).build();
    }

    private AppRegistration app(ClientCredentials app, String redirectUri) {
        SecretBinding binding = SecretBinding.forAppClientSecret(keys.tenant(), ScaleEnvironment.PROVIDER,
                ScaleEnvironment.APP_REF);
        return AppRegistration.newBuilder().setTenantId(keys.tenant().value()).setInstance(instanceOrigin)
                .setScopes(ScaleEnvironment.SCOPES).setRedirectUri(redirectUri).setClientId(app.clientId())
                .setClientSecret(SealedBytes.wrap(vault.encrypt(keys, binding, app.clientSecret())))
                .setRegisteredAt(Instant.now()).build();
    }
}
