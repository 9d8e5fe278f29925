package io.authpipe.broker;

import io.authpipe.broker.config.BrokerConfig;
import io.authpipe.broker.connection.ConnectionStore;
import io.authpipe.broker.connection.ConnectionWriter;
import io.authpipe.broker.connection.CredentialReader;
import io.authpipe.broker.connection.DisconnectService;
import io.authpipe.broker.flow.AppRegistry;
import io.authpipe.broker.flow.CallbackService;
import io.authpipe.broker.flow.CallbackUrls;
import io.authpipe.broker.flow.ConnectService;
import io.authpipe.broker.flow.PendingAuthorizations;
import io.authpipe.broker.flow.RegistrationThrottle;
import io.authpipe.broker.flow.ServerDirectory;
import io.authpipe.broker.http.HttpApi;
import io.authpipe.broker.kafka.Publisher;
import io.authpipe.broker.routing.Ownership;
import io.authpipe.broker.routing.StoreRouter;
import io.authpipe.broker.tenant.TenantRecords;
import io.authpipe.broker.tenant.TenantRegistry;
import io.authpipe.broker.vault.VaultTopology;
import io.authpipe.core.instance.InstancePolicy;
import io.authpipe.events.AppRegistration;
import io.authpipe.events.PendingAuthorization;
import io.authpipe.events.Tenant;
import io.authpipe.mastodon.MastodonClient;
import io.authpipe.mastodon.MastodonHttp;
import io.authpipe.vault.Vault;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Builds broker-api's services over its stores, publisher and vault: the explicit wiring, in one place. */
final class ServiceWiring {
    private static final Duration PROVIDER_TIMEOUT = Duration.ofSeconds(10);

    private ServiceWiring() {
    }

    static HttpApi.Services wire(BrokerConfig config, URI publicUrl, StoreRouter router, Publisher publisher,
                                 Vault vault, Clock clock) {
        InstancePolicy instances = InstancePolicy.allowing(config.instanceAllowList());
        MastodonClient mastodon = new MastodonClient(
                MastodonHttp.client(instances, config.userAgent(), PROVIDER_TIMEOUT), clock);
        ServerDirectory servers = new ServerDirectory(mastodon, clock);
        TenantRegistry tenants = new TenantRegistry(id -> ServiceWiring.<Tenant>lookup(router,
                VaultTopology.TENANTS_STORE, id.value()).map(TenantRecords::fromAvro), publisher, vault, clock);
        AppRegistry apps = new AppRegistry(ref -> ServiceWiring.<AppRegistration>lookup(router,
                VaultTopology.APP_REGISTRATIONS_STORE, ref.value()), mastodon, vault, publisher,
                new RegistrationThrottle(config.registrationLimit(), config.registrationWindow()), clock);
        PendingAuthorizations flows = new PendingAuthorizations(
                hash -> ServiceWiring.<PendingAuthorization>lookup(router, VaultTopology.AUTHORIZATIONS_STORE, hash),
                hash -> router.ownerOf(VaultTopology.AUTHORIZATIONS_STORE, hash) instanceof Ownership.Local, publisher);
        ConnectionStore connections = new ConnectionStore(router);
        ConnectionWriter writer = new ConnectionWriter(publisher, vault, connections, clock);
        CredentialReader reader = new CredentialReader(vault);
        return new HttpApi.Services(tenants,
                new ConnectService(instances, servers, apps, flows, vault, new CallbackUrls(publicUrl),
                        config.flowTtl(), clock),
                new CallbackService(tenants, flows, apps, servers, mastodon, writer, vault, clock),
                connections, reader, new DisconnectService(reader, apps, servers, mastodon, writer),
                router, config.adminToken(), clock);
    }

    private static <V> Optional<V> lookup(StoreRouter router, String store, String key) {
        return router.<V>local(store).map(s -> s.get(key));
    }
}
