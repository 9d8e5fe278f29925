package io.authpipe.broker.flow;

import io.authpipe.broker.kafka.Awaiting;
import io.authpipe.broker.kafka.Publisher;
import io.authpipe.broker.tenant.Tenant;
import io.authpipe.core.identity.TenantId;
import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.events.AppRegistration;
import io.authpipe.mastodon.AppRegistrationOutcome;
import io.authpipe.mastodon.ClientCredentials;
import io.authpipe.mastodon.MastodonClient;
import io.authpipe.records.SealedBytes;
import io.authpipe.topics.Topics;
import io.authpipe.vault.SecretBinding;
import io.authpipe.vault.Vault;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds or registers the Mastodon app for a tenant, instance and scope set. Registrations are kept in the
 * {@code app-registrations} store (client secret sealed by the vault) and registered at most once at a time per
 * app in this process; the {@link RegistrationThrottle} defers registrations rather than trip the instance's limit.
 */
public final class AppRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(AppRegistry.class);

    private final Function<AppRef, Optional<AppRegistration>> stored;
    private final Function<TenantId, Map<AppRef, AppRegistration>> ofTenant;
    private final MastodonClient mastodon;
    private final Vault vault;
    private final Publisher publisher;
    private final RegistrationThrottle throttle;
    private final Clock clock;
    /** Registrations of one app run one at a time: a fixed set of locks, by the app's hash (bounded memory). */
    private final Object[] registering = IntStream.range(0, 256).mapToObj(i -> new Object()).toArray();

    public AppRegistry(Function<AppRef, Optional<AppRegistration>> stored,
                       Function<TenantId, Map<AppRef, AppRegistration>> ofTenant, MastodonClient mastodon, Vault vault,
                       Publisher publisher, RegistrationThrottle throttle, Clock clock) {
        this.stored = stored;
        this.ofTenant = ofTenant;
        this.mastodon = mastodon;
        this.vault = vault;
        this.publisher = publisher;
        this.throttle = throttle;
        this.clock = clock;
    }

    public AppLookup findOrRegister(Tenant tenant, InstanceAddress instance, List<String> scopes, String redirectUri) {
        AppRef ref = AppRef.of(tenant.id(), instance, scopes, redirectUri);
        synchronized (registering[Math.floorMod(ref.hashCode(), registering.length)]) {
            Optional<AppRegistration> existing = stored.apply(ref);
            if (existing.isPresent()) {
                return new AppLookup.Ready(ref, credentials(tenant, ref, existing.get()));
            }
            return register(tenant, instance, scopes, redirectUri, ref);
        }
    }

    /** The client credentials of a stored registration. */
    public Optional<ClientCredentials> credentials(Tenant tenant, AppRef ref) {
        return stored.apply(ref).map(r -> credentials(tenant, ref, r));
    }

    /** Seals every app client secret of the tenant again under its current key; returns how many moved. */
    public int resealAll(Tenant tenant) {
        int moved = 0;
        for (Map.Entry<AppRef, AppRegistration> app : ofTenant.apply(tenant.id()).entrySet()) {
            byte[] sealed = SealedBytes.unwrap(app.getValue().getClientSecret());
            if (!vault.isSealedUnderCurrentKey(tenant.keys(), sealed)) {
                AppRegistration resealed = AppRegistration.newBuilder(app.getValue()).setClientSecret(SealedBytes.wrap(
                        vault.encrypt(tenant.keys(), binding(tenant, app.getKey()),
                                vault.decrypt(tenant.keys(), binding(tenant, app.getKey()), sealed)))).build();
                publisher.publish(Topics.APP_REGISTRATIONS, app.getKey().value(), resealed);
                moved++;
            }
        }
        return moved;
    }

    /**
     * Forgets the tenant's registrations at {@code instance}, for a server that no longer knows them (the embedded
     * default's sandbox starts empty every time): tombstones them and returns, within 10 s, once none is found here.
     * The next flow registers anew. Returns how many were forgotten.
     */
    public int forgetAt(Tenant tenant, InstanceAddress instance) {
        List<AppRef> refs = registeredAt(tenant, instance);
        refs.forEach(ref -> publisher.publish(Topics.APP_REGISTRATIONS, ref.value(), null));
        Awaiting.value(() -> registeredAt(tenant, instance).isEmpty() ? Optional.of(true) : Optional.empty(),
                Duration.ofSeconds(10));
        return refs.size();
    }

    private List<AppRef> registeredAt(Tenant tenant, InstanceAddress instance) {
        return ofTenant.apply(tenant.id()).entrySet().stream()
                .filter(e -> e.getValue().getInstance().equals(instance.origin())).map(Map.Entry::getKey).toList();
    }

    /** Removes every app registration of the tenant (tombstones). */
    public void deleteAll(Tenant tenant) {
        ofTenant.apply(tenant.id()).keySet().forEach(ref -> publisher.publish(Topics.APP_REGISTRATIONS, ref.value(), null));
    }

    private AppLookup register(Tenant tenant, InstanceAddress instance, List<String> scopes, String redirectUri,
                               AppRef ref) {
        Optional<java.time.Instant> wait = throttle.tryAcquire(instance.authority(), clock.instant());
        if (wait.isPresent()) {
            return new AppLookup.Deferred(wait.get());
        }
        AppRegistrationOutcome outcome = mastodon.registerApp(instance, tenant.displayName(), redirectUri, scopes,
                Optional.empty());
        if (outcome instanceof AppRegistrationOutcome.Throttled t) {
            throttle.blockUntil(instance.authority(), t.until());
            return new AppLookup.Deferred(t.until());
        }
        if (outcome instanceof AppRegistrationOutcome.Rejected r) {
            return new AppLookup.Refused(r.message());
        }
        if (outcome instanceof AppRegistrationOutcome.Unavailable u) {
            LOG.warn("app registration failed tenant={} instance={}: {}", tenant.id(), instance.authority(),
                    u.reason());
            return new AppLookup.Unavailable(u.reason());
        }
        ClientCredentials client = ((AppRegistrationOutcome.Registered) outcome).credentials();
        publisher.publish(Topics.APP_REGISTRATIONS, ref.value(), record(tenant, instance, scopes, redirectUri, ref, client));
        LOG.info("registered app tenant={} instance={} app={}", tenant.id(), instance.authority(), ref);
        return new AppLookup.Ready(ref, client);
    }

    private AppRegistration record(Tenant tenant, InstanceAddress instance, List<String> scopes, String redirectUri,
                                   AppRef ref, ClientCredentials client) {
        byte[] sealed = vault.encrypt(tenant.keys(), binding(tenant, ref), client.clientSecret());
        return AppRegistration.newBuilder()
                .setTenantId(tenant.id().value())
                .setInstance(instance.origin())
                .setScopes(scopes)
                .setRedirectUri(redirectUri)
                .setClientId(client.clientId())
                .setClientSecret(SealedBytes.wrap(sealed))
                .setRegisteredAt(clock.instant())
                .build();
    }

    private ClientCredentials credentials(Tenant tenant, AppRef ref, AppRegistration registration) {
        byte[] sealed = SealedBytes.unwrap(registration.getClientSecret());
        return new ClientCredentials(registration.getClientId(), vault.decrypt(tenant.keys(), binding(tenant, ref), sealed));
    }

    private static SecretBinding binding(Tenant tenant, AppRef ref) {
        return SecretBinding.forAppClientSecret(tenant.id(), "mastodon", ref.value());
    }
}
