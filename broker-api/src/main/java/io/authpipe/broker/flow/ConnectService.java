package io.authpipe.broker.flow;

import io.authpipe.broker.api.ApiProblem;
import io.authpipe.broker.tenant.Tenant;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.core.instance.InstancePolicy;
import io.authpipe.core.secret.Secret;
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
import java.util.stream.Collectors;
import okhttp3.HttpUrl;

/**
 * Starts a Mastodon OAuth flow: validates the request, checks the instance against the SSRF policy, discovers the
 * server, finds or registers the tenant's app for exactly the requested scopes, opens a single-use state (with a
 * PKCE S256 verifier when the server advertises it) and builds the authorize link. The state is whole, or, when the
 * command carries a challenge, a handle awaiting the producer's proof ({@link StateToken}); only hashes are stored.
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

    public ConnectOutcome start(Tenant tenant, ConnectCommand command) {
        try {
            Optional<ApiProblem> problem = ConnectValidation.problems(tenant, command);
            if (problem.isPresent()) {
                return new ConnectOutcome.Refused(problem.get());
            }
            return startValidated(tenant, command, List.copyOf(new LinkedHashSet<>(command.scopes())));
        } catch (ApiProblem.ApiException e) {
            return new ConnectOutcome.Refused(e.problem());
        } catch (RuntimeException e) {
            return new ConnectOutcome.Refused(FlowFailures.problem(e, clock.instant()).orElseThrow(() -> e));
        }
    }

    private ConnectOutcome startValidated(Tenant tenant, ConnectCommand command, List<String> scopes) {
        InstanceAddress instance = ConnectValidation.instance(command.instance());
        checkPolicy(instance);
        ServerInfo server = discover(instance);
        Optional<String> refused = scopes.stream().filter(server::refusesScope).findFirst();
        if (refused.isPresent()) {
            return new ConnectOutcome.Refused(ApiProblem.badRequest("scope_not_supported_by_instance",
                    instance.authority() + " does not offer scope \"" + refused.get() + "\" (older Mastodon version?)"));
        }
        String redirectUri = callbackUrls.forTenant(tenant.id());
        AppLookup app = apps.findOrRegister(tenant, instance, scopes, redirectUri);
        if (app instanceof AppLookup.Deferred deferred) {
            return new ConnectOutcome.Refused(ApiProblem.unavailable("instance_registration_throttled",
                    instance.authority() + " limits app registrations; retry after " + deferred.retryAt(),
                    deferred.retryAt()));
        }
        if (app instanceof AppLookup.Refused r) {
            return new ConnectOutcome.Refused(ApiProblem.of(502, "instance_refused_registration",
                    instance.authority() + " refused to register the app: " + r.message()));
        }
        if (app instanceof AppLookup.Unavailable u) {
            return new ConnectOutcome.Refused(ApiProblem.of(502, "instance_unreachable", u.reason()));
        }
        return open(tenant, command, instance, server, scopes, redirectUri, (AppLookup.Ready) app);
    }

    private ConnectOutcome open(Tenant tenant, ConnectCommand command, InstanceAddress instance, ServerInfo server,
                                List<String> scopes, String redirectUri, AppLookup.Ready app) {
        ConnectionKey key = ConnectionKey.of(tenant.id().value(), command.provider(), command.userId());
        FlowState state = FlowState.forChallenge(command.stateChallenge(), pending.newState());
        String storeKey = state.storeKey();
        Optional<Secret> verifier = server.supportsPkceS256() ? Optional.of(StateToken.generate()) : Optional.empty();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(flowTtl);
        pending.open(storeKey, PendingAuthorization.newBuilder()
                .setConnection(new ConnectionRef(key.tenant().value(), key.provider().value(), key.user().value()))
                .setInstance(instance.origin())
                .setAppRef(app.ref().value())
                .setRedirectUri(redirectUri)
                .setScopes(scopes)
                .setReturnTo(command.returnTo())
                .setPkceVerifier(verifier.map(v -> SealedBytes.wrap(vault.encrypt(tenant.keys(),
                        verifierBinding(key, storeKey), v))).orElse(null))
                .setCreatedAt(now)
                .setExpiresAt(expiresAt)
                .setConsumedAt(null)
                .setStateChallenge(state.challenge().orElse(null))
                .build());
        return new ConnectOutcome.AuthorizeLink(authorizeUrl(server, app, redirectUri, scopes, state.inLink(),
                verifier, command.forceLogin()), expiresAt);
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

    /** The authorize link; {@code state} is its last parameter, so that a producer can append its proof. */
    private static String authorizeUrl(ServerInfo server, AppLookup.Ready app, String redirectUri, List<String> scopes,
                                       Secret state, Optional<Secret> verifier, boolean forceLogin) {
        HttpUrl.Builder url = HttpUrl.get(server.authorizationEndpoint()).newBuilder()
                .addQueryParameter("response_type", "code")
                .addQueryParameter("client_id", app.credentials().clientId())
                .addQueryParameter("redirect_uri", redirectUri)
                .addQueryParameter("scope", scopes.stream().collect(Collectors.joining(" ")));
        verifier.ifPresent(v -> url.addQueryParameter("code_challenge", StateToken.pkceChallenge(v))
                .addQueryParameter("code_challenge_method", "S256"));
        if (forceLogin) {
            url.addQueryParameter("force_login", "true");
        }
        return url.addQueryParameter("state", state.reveal()).build().toString();
    }
}
