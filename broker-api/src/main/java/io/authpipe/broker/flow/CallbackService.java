package io.authpipe.broker.flow;

import io.authpipe.broker.api.ApiProblem;
import io.authpipe.broker.connection.ConnectionWriter;
import io.authpipe.broker.tenant.Tenant;
import io.authpipe.broker.tenant.TenantDirectory;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.core.identity.TenantId;
import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.core.secret.Secret;
import io.authpipe.events.BrowserBinding;
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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes a flow at {@code GET /v1/oauth/callback}. Runs on the instance owning the state's partition.
 *
 * <p>A state that is unknown, already used or issued to another tenant gets an error and no redirect (the request
 * cannot be trusted). So does a browser without the cookie of the browser that clicked on the connect page: a link
 * started in one browser and opened in another (where the server may approve silently, for an app it trusts) ends
 * here, before the state is used up and with nothing stored (RFC 9700 §4.7). Otherwise the state is used up first,
 * then: expired, denied, failed exchange or failed verification end with the error; success exchanges the code
 * (sending the PKCE verifier only if a challenge was sent), verifies the token, records the account and publishes
 * {@code ConnectionEstablished} with the token sealed. The flow's session learns the outcome ({@link FlowSessions})
 * and the browser is sent on ({@link ReturnRedirect}).
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
    private final FlowSessions sessions;
    private final Clock clock;

    public CallbackService(TenantDirectory tenants, PendingAuthorizations flows, AppRegistry apps,
                           ServerDirectory servers, MastodonClient mastodon, ConnectionWriter connections, Vault vault,
                           FlowSessions sessions, Clock clock) {
        this.tenants = tenants;
        this.flows = flows;
        this.apps = apps;
        this.servers = servers;
        this.mastodon = mastodon;
        this.connections = connections;
        this.vault = vault;
        this.sessions = sessions;
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
        if (!flow.getConnection().getTenantId().equals(params.tenant().get())) {
            LOG.warn("callback state bound to another tenant tenant={}", params.tenant().get());
            return problem(400, "state_tenant_mismatch", "this authorization was started by another tenant");
        }
        if (!startedInThisBrowser(flow.getBrowser(), params.browserCookie())) {
            LOG.warn("callback from a browser that did not start the flow tenant={}", params.tenant().get());
            return problem(403, "browser_mismatch", "this sign-in was started in another browser; nothing was "
                    + "connected. Start again from the app, in this browser.");
        }
        Instant now = clock.instant();
        if (!flows.claim(hash, flow, now)) {
            return problem(409, "state_already_used", "this authorization was already completed");
        }
        return finish(flow, hash, params, now);
    }

    /** Whether {@code cookie} is the one whose hash the flow stored when its browser clicked (constant time). */
    private static boolean startedInThisBrowser(BrowserBinding browser, Optional<String> cookie) {
        return browser != null && cookie.isPresent() && MessageDigest.isEqual(
                StateToken.hash(cookie.get()).getBytes(StandardCharsets.US_ASCII),
                browser.getCookieHash().getBytes(StandardCharsets.US_ASCII));
    }

    private CallbackOutcome finish(PendingAuthorization flow, String hash, CallbackParams params, Instant now) {
        if (sessions.completed(flow.getBrowser())) {
            return ReturnRedirect.of(flow, FlowResult.failed(flow, "session_completed"));
        }
        FlowResult result = result(flow, hash, params, now);
        sessions.ended(flow.getBrowser(), result);
        return ReturnRedirect.of(flow, result);
    }

    private FlowResult result(PendingAuthorization flow, String hash, CallbackParams params, Instant now) {
        if (!now.isBefore(flow.getExpiresAt())) {
            return FlowResult.failed(flow, "authorization_expired");
        }
        if (params.error().isPresent()) {
            return FlowResult.failed(flow, params.error().get().equals("access_denied")
                    ? "access_denied" : "authorization_failed");
        }
        if (params.code().isEmpty()) {
            return FlowResult.failed(flow, "invalid_callback");
        }
        Optional<Tenant> tenant = tenants.find(TenantId.of(flow.getConnection().getTenantId()));
        if (tenant.isEmpty()) {
            return FlowResult.failed(flow, "tenant_deleted");
        }
        try {
            return exchange(tenant.get(), flow, hash, params.code().get());
        } catch (InstanceUnavailableException e) {
            LOG.warn("callback could not reach instance instance={} cause={}", flow.getInstance(), e.getMessage());
            return FlowResult.failed(flow, "instance_unreachable");
        }
    }

    private FlowResult exchange(Tenant tenant, PendingAuthorization flow, String hash, String code) {
        ConnectionKey key = ConnectionKey.of(flow.getConnection().getTenantId(), flow.getConnection().getProvider(),
                flow.getConnection().getUserId());
        InstanceAddress instance = InstanceAddress.parse(flow.getInstance());
        Optional<ClientCredentials> client = apps.credentials(tenant, new AppRef(flow.getAppRef()));
        if (client.isEmpty()) {
            return FlowResult.failed(flow, "app_registration_missing");
        }
        Optional<Secret> verifier = Optional.ofNullable(flow.getPkceVerifier()).map(v -> vault.decrypt(tenant.keys(),
                ConnectService.verifierBinding(key, hash), SealedBytes.unwrap(v)));
        TokenOutcome token = mastodon.exchangeCode(servers.lookup(instance), client.get(), code,
                flow.getRedirectUri(), verifier);
        if (token instanceof TokenOutcome.Refused refused) {
            LOG.info("code exchange refused connection={} error={}", key, refused.error().error());
            return FlowResult.failed(flow, "token_exchange_failed");
        }
        if (token instanceof TokenOutcome.Throttled) {
            LOG.info("code exchange throttled connection={}", key);
            return FlowResult.failed(flow, "instance_unreachable");
        }
        TokenOutcome.Issued issued = (TokenOutcome.Issued) token;
        VerifyOutcome verified = mastodon.verifyCredentials(instance, issued.grant().accessToken(),
                servers.localDomain(instance));
        if (verified instanceof VerifyOutcome.InvalidAccount invalid) {
            LOG.warn("instance described an account that fails validation connection={} instance={} reason={}", key,
                    instance.authority(), invalid.reason());
            discard(key, instance, client.get(), issued);
            return FlowResult.failed(flow, "verification_failed");
        }
        if (!(verified instanceof VerifyOutcome.Verified account)) {
            LOG.info("token verification failed connection={} outcome={}", key, verified.getClass().getSimpleName());
            discard(key, instance, client.get(), issued);
            return FlowResult.failed(flow, "verification_failed");
        }
        connections.established(tenant, key, flow, issued.grant(), account.account());
        return FlowResult.connected(flow, account.account().acct(), account.account().displayName());
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
