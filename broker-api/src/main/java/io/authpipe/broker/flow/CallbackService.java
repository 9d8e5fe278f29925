package io.authpipe.broker.flow;

import io.authpipe.broker.api.ApiProblem;
import io.authpipe.broker.connection.ConnectionWriter;
import io.authpipe.broker.tenant.Tenant;
import io.authpipe.broker.tenant.TenantDirectory;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.core.identity.TenantId;
import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.core.secret.Secret;
import io.authpipe.events.PendingAuthorization;
import io.authpipe.mastodon.ClientCredentials;
import io.authpipe.mastodon.InstanceUnavailableException;
import io.authpipe.mastodon.MastodonClient;
import io.authpipe.mastodon.RevokeOutcome;
import io.authpipe.mastodon.ServerDirectory;
import io.authpipe.mastodon.TokenOutcome;
import io.authpipe.mastodon.VerifyOutcome;
import io.authpipe.records.SealedBytes;
import io.authpipe.vault.Vault;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes a flow at {@code GET /v1/oauth/callback}. Runs on the instance owning the state's partition.
 *
 * <p>A state that is unknown, lacks the proof its flow's challenge asks for ({@link StateToken}), is already used
 * or was issued to another tenant gets an error body and no redirect (the request cannot be trusted); a wrong proof
 * does not use the state up, so whoever read a handle on a topic cannot spoil the flow it belongs to. Otherwise the state is used up first, then: expired, denied, failed exchange or
 * failed verification redirect to {@code returnTo} with the error; success exchanges the code (sending the PKCE
 * verifier only if a challenge was sent), verifies the token, records the account and publishes
 * {@code ConnectionEstablished} with the token sealed.
 */
public final class CallbackService {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackService.class);

    private final TenantDirectory tenants;
    private final PendingAuthorizations flows;
    private final AppRegistry apps;
    private final ServerDirectory servers;
    private final MastodonClient mastodon;
    private final ConnectionWriter connections;
    private final Vault vault;
    private final Clock clock;

    public CallbackService(TenantDirectory tenants, PendingAuthorizations flows, AppRegistry apps,
                           ServerDirectory servers, MastodonClient mastodon, ConnectionWriter connections, Vault vault,
                           Clock clock) {
        this.tenants = tenants;
        this.flows = flows;
        this.apps = apps;
        this.servers = servers;
        this.mastodon = mastodon;
        this.connections = connections;
        this.vault = vault;
        this.clock = clock;
    }

    public CallbackOutcome complete(CallbackParams params) {
        String state = params.state().orElse("");
        if (state.isEmpty() || params.tenant().isEmpty()) {
            return problem(400, "invalid_request", "the callback needs state and tenant parameters");
        }
        String hash = StateToken.storeKey(state);
        Optional<PendingAuthorization> found = flows.find(state);
        if (found.isEmpty()) {
            return problem(400, "unknown_state", "this authorization is unknown; start the connection again");
        }
        PendingAuthorization flow = found.get();
        if (!StateToken.answers(state, Optional.ofNullable(flow.getStateChallenge()))) {
            LOG.warn("callback state does not prove its flow's challenge tenant={}", flow.getConnection().getTenantId());
            return problem(400, "unknown_state", "this authorization is unknown; start the connection again");
        }
        if (!flow.getConnection().getTenantId().equals(params.tenant().get())) {
            LOG.warn("callback state bound to another tenant tenant={}", params.tenant().get());
            return problem(400, "state_tenant_mismatch", "this authorization was started by another tenant");
        }
        Instant now = clock.instant();
        if (!flows.claim(hash, flow, now)) {
            return problem(409, "state_already_used", "this authorization was already completed");
        }
        return finish(flow, hash, params, now);
    }

    private CallbackOutcome finish(PendingAuthorization flow, String hash, CallbackParams params, Instant now) {
        if (!now.isBefore(flow.getExpiresAt())) {
            return ReturnRedirect.failed(flow, "authorization_expired");
        }
        if (params.error().isPresent()) {
            return ReturnRedirect.failed(flow, params.error().get().equals("access_denied")
                    ? "access_denied" : "authorization_failed");
        }
        if (params.code().isEmpty()) {
            return ReturnRedirect.failed(flow, "invalid_callback");
        }
        Optional<Tenant> tenant = tenants.find(TenantId.of(flow.getConnection().getTenantId()));
        if (tenant.isEmpty()) {
            return ReturnRedirect.failed(flow, "tenant_deleted");
        }
        try {
            return exchange(tenant.get(), flow, hash, params.code().get());
        } catch (InstanceUnavailableException e) {
            LOG.warn("callback could not reach instance instance={} cause={}", flow.getInstance(), e.getMessage());
            return ReturnRedirect.failed(flow, "instance_unreachable");
        }
    }

    private CallbackOutcome exchange(Tenant tenant, PendingAuthorization flow, String hash, String code) {
        ConnectionKey key = ConnectionKey.of(flow.getConnection().getTenantId(), flow.getConnection().getProvider(),
                flow.getConnection().getUserId());
        InstanceAddress instance = InstanceAddress.parse(flow.getInstance());
        Optional<ClientCredentials> client = apps.credentials(tenant, new AppRef(flow.getAppRef()));
        if (client.isEmpty()) {
            return ReturnRedirect.failed(flow, "app_registration_missing");
        }
        Optional<Secret> verifier = Optional.ofNullable(flow.getPkceVerifier()).map(v -> vault.decrypt(tenant.keys(),
                ConnectService.verifierBinding(key, hash), SealedBytes.unwrap(v)));
        TokenOutcome token = mastodon.exchangeCode(servers.lookup(instance), client.get(), code,
                flow.getRedirectUri(), verifier);
        if (token instanceof TokenOutcome.Refused refused) {
            LOG.info("code exchange refused connection={} error={}", key, refused.error().error());
            return ReturnRedirect.failed(flow, "token_exchange_failed");
        }
        if (token instanceof TokenOutcome.Throttled) {
            LOG.info("code exchange throttled connection={}", key);
            return ReturnRedirect.failed(flow, "instance_unreachable");
        }
        TokenOutcome.Issued issued = (TokenOutcome.Issued) token;
        VerifyOutcome verified = mastodon.verifyCredentials(instance, issued.grant().accessToken(),
                servers.localDomain(instance));
        if (verified instanceof VerifyOutcome.InvalidAccount invalid) {
            LOG.warn("instance described an account that fails validation connection={} instance={} reason={}", key,
                    instance.authority(), invalid.reason());
            discard(key, instance, client.get(), issued);
            return ReturnRedirect.failed(flow, "verification_failed");
        }
        if (!(verified instanceof VerifyOutcome.Verified account)) {
            LOG.info("token verification failed connection={} outcome={}", key, verified.getClass().getSimpleName());
            discard(key, instance, client.get(), issued);
            return ReturnRedirect.failed(flow, "verification_failed");
        }
        connections.established(tenant, key, flow, issued.grant(), account.account());
        return ReturnRedirect.connected(flow);
    }

    /** A token that is not kept is revoked at the instance, so no live grant is left behind (best effort). */
    private void discard(ConnectionKey key, InstanceAddress instance, ClientCredentials client,
                         TokenOutcome.Issued issued) {
        try {
            RevokeOutcome outcome = mastodon.revoke(servers.lookup(instance), client, issued.grant().accessToken());
            LOG.info("token not kept, revoked at the instance connection={} outcome={}", key, outcome);
        } catch (InstanceUnavailableException e) {
            LOG.warn("token not kept, and the instance could not be asked to revoke it connection={} cause={}", key,
                    e.getMessage());
        }
    }

    private static CallbackOutcome problem(int status, String error, String message) {
        return new CallbackOutcome.Problem(ApiProblem.of(status, error, message));
    }
}
