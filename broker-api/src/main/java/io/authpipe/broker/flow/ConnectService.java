package io.authpipe.broker.flow;

import io.authpipe.broker.api.ApiProblem;
import io.authpipe.broker.tenant.Tenant;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.core.instance.InstancePolicy;
import io.authpipe.core.secret.Secret;
import io.authpipe.events.BrowserBinding;
import io.authpipe.events.ConnectionRef;
import io.authpipe.events.PendingAuthorization;
import io.authpipe.mastodon.InstanceUnavailableException;
import io.authpipe.mastodon.ServerDirectory;
import io.authpipe.mastodon.ServerInfo;
import io.authpipe.records.SealedBytes;
import io.authpipe.vault.Purpose;
import io.authpipe.vault.SecretBinding;
import io.authpipe.vault.Vault;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.HttpUrl;

/**
 * Starts a Mastodon OAuth flow: validates the request, checks the instance against the SSRF policy, discovers the
 * server, finds or registers the tenant's app for exactly the requested scopes, opens a single-use state (with a
 * PKCE S256 verifier when the server advertises it) bound to the browser that clicked on the connect page, and
 * builds the provider's authorize link. Only the state's hash is stored. {@link #check} runs the same steps short
 * of opening a flow, so that a connect session is refused at once for what would refuse its flow later.
 *
 * <p>Every outcome is a value, never an exception: an instance that cannot be asked, and a KMS, Kafka or store
 * failure met on the way ({@link FlowFailures}), are a {@link ConnectOutcome.Refused} with the problem to answer.
 */
public final class ConnectService {
    private final InstancePolicy instancePolicy;
    private final ServerDirectory servers;
    private final AppRegistry apps;
    private final PendingAuthorizations pending;
    private final Vault vault;
    private final CallbackUrls callbackUrls;
    private final Duration flowTtl;
    private final Clock clock;

    public ConnectService(InstancePolicy instancePolicy, ServerDirectory servers, AppRegistry apps,
                          PendingAuthorizations pending, Vault vault, CallbackUrls callbackUrls, Duration flowTtl,
                          Clock clock) {
        this.instancePolicy = instancePolicy;
        this.servers = servers;
        this.apps = apps;
        this.pending = pending;
        this.vault = vault;
        this.callbackUrls = callbackUrls;
        this.flowTtl = flowTtl;
        this.clock = clock;
    }

    /**
     * Checks everything a flow needs before a browser gets involved (fields, the instance's policy and metadata,
     * the scopes it offers, the tenant's app there): empty when a flow could start now.
     */
    public Optional<ApiProblem> check(Tenant tenant, ConnectCommand command) {
        ConnectOutcome outcome = guarded(() -> {
            prepare(tenant, command);
            return null;
        });
        return outcome instanceof ConnectOutcome.Refused refused ? Optional.of(refused.problem()) : Optional.empty();
    }

    /** Checks the command's fields only (no instance yet): empty when they are fine. */
    public Optional<ApiProblem> checkFields(Tenant tenant, ConnectCommand command) {
        return ConnectValidation.problems(tenant, command);
    }

    /** Starts a flow for the browser {@code browser} describes: the provider's authorize link, or why not. */
    public ConnectOutcome start(Tenant tenant, ConnectCommand command, BrowserBinding browser) {
        return guarded(() -> open(tenant, command, prepare(tenant, command), browser));
    }

    /** {@code step}'s outcome; a refusal it throws, or a KMS, Kafka or store failure, as a refused outcome. */
    private ConnectOutcome guarded(Supplier<ConnectOutcome> step) {
        try {
            return step.get();
        } catch (ApiProblem.ApiException e) {
            return new ConnectOutcome.Refused(e.problem());
        } catch (RuntimeException e) {
            return new ConnectOutcome.Refused(FlowFailures.problem(e, clock.instant()).orElseThrow(() -> e));
        }
    }

    /** What a flow needs from the instance, found and checked. */
    private record Prepared(InstanceAddress instance, ServerInfo server, List<String> scopes, String redirectUri,
                            AppLookup.Ready app) {
    }

    private Prepared prepare(Tenant tenant, ConnectCommand command) {
        Optional<ApiProblem> problem = ConnectValidation.problems(tenant, command);
        if (problem.isPresent()) {
            throw problem.get().toException();
        }
        List<String> scopes = List.copyOf(new LinkedHashSet<>(command.scopes()));
        InstanceAddress instance = ConnectValidation.instance(command.instance());
        checkPolicy(instance);
        ServerInfo server = discover(instance);
        Optional<String> refused = scopes.stream().filter(server::refusesScope).findFirst();
        if (refused.isPresent()) {
            throw ApiProblem.badRequest("scope_not_supported_by_instance", instance.authority()
                    + " does not offer scope \"" + refused.get() + "\" (older Mastodon version?)").toException();
        }
        String redirectUri = callbackUrls.forTenant(tenant.id());
        AppLookup app = apps.findOrRegister(tenant, instance, scopes, redirectUri);
        if (app instanceof AppLookup.Deferred deferred) {
            throw ApiProblem.unavailable("instance_registration_throttled",
                    instance.authority() + " limits app registrations; retry after " + deferred.retryAt(),
                    deferred.retryAt()).toException();
        }
        if (app instanceof AppLookup.Refused r) {
            throw ApiProblem.of(502, "instance_refused_registration",
                    instance.authority() + " refused to register the app: " + r.message()).toException();
        }
        if (app instanceof AppLookup.Unavailable u) {
            throw ApiProblem.of(502, "instance_unreachable", u.reason()).toException();
        }
        return new Prepared(instance, server, scopes, redirectUri, (AppLookup.Ready) app);
    }

    private ConnectOutcome open(Tenant tenant, ConnectCommand command, Prepared prepared, BrowserBinding browser) {
        ConnectionKey key = ConnectionKey.of(tenant.id().value(), command.provider(), command.userId());
        Secret state = pending.newState();
        String storeKey = StateToken.hash(state.reveal());
        Optional<Secret> verifier = prepared.server().supportsPkceS256() ? Optional.of(StateToken.generate()) : Optional.empty();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(flowTtl);
        pending.open(storeKey, PendingAuthorization.newBuilder()
                .setConnection(new ConnectionRef(key.tenant().value(), key.provider().value(), key.user().value()))
                .setInstance(prepared.instance().origin())
                .setAppRef(prepared.app().ref().value())
                .setRedirectUri(prepared.redirectUri())
                .setScopes(prepared.scopes())
                .setReturnTo(command.returnTo())
                .setPkceVerifier(verifier.map(v -> SealedBytes.wrap(vault.encrypt(tenant.keys(),
                        verifierBinding(key, storeKey), v))).orElse(null))
                .setCreatedAt(now)
                .setExpiresAt(expiresAt)
                .setConsumedAt(null)
                .setStateChallenge(null)
                .setBrowser(browser)
                .build());
        return new ConnectOutcome.AuthorizeLink(authorizeUrl(prepared, state, verifier, command.forceLogin()),
                expiresAt);
    }

    private void checkPolicy(InstanceAddress instance) {
        InstancePolicy.Verdict verdict = instancePolicy.check(instance);
        if (verdict instanceof InstancePolicy.Verdict.Refused refused) {
            throw ApiProblem.of(403, "instance_not_allowed", instance.authority() + ": " + refused.reason())
                    .toException();
        }
        if (verdict instanceof InstancePolicy.Verdict.Unresolvable) {
            throw ApiProblem.of(422, "instance_unresolvable", instance.host() + " does not resolve").toException();
        }
    }

    private ServerInfo discover(InstanceAddress instance) {
        try {
            return servers.lookup(instance);
        } catch (InstanceUnavailableException e) {
            throw ApiProblem.of(502, "instance_unreachable", e.getMessage()).toException();
        }
    }

    /** The binding of a flow's PKCE verifier: its connection and its flow's store key. */
    static SecretBinding verifierBinding(ConnectionKey key, String storeKey) {
        return new SecretBinding(key.tenant(), key.provider().value(), "flow:" + storeKey, Purpose.PKCE_VERIFIER);
    }

    /** The provider's authorize link. */
    private static String authorizeUrl(Prepared prepared, Secret state, Optional<Secret> verifier,
                                       boolean forceLogin) {
        HttpUrl.Builder url = HttpUrl.get(prepared.server().authorizationEndpoint()).newBuilder()
                .addQueryParameter("response_type", "code")
                .addQueryParameter("client_id", prepared.app().credentials().clientId())
                .addQueryParameter("redirect_uri", prepared.redirectUri())
                .addQueryParameter("scope", String.join(" ", prepared.scopes()));
        verifier.ifPresent(v -> url.addQueryParameter("code_challenge", StateToken.pkceChallenge(v))
                .addQueryParameter("code_challenge_method", "S256"));
        if (forceLogin) {
            url.addQueryParameter("force_login", "true");
        }
        return url.addQueryParameter("state", state.reveal()).build().toString();
    }
}
