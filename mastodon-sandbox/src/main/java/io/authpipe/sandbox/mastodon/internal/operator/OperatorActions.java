package io.authpipe.sandbox.mastodon.internal.operator;

import io.authpipe.sandbox.mastodon.Outage;
import io.authpipe.sandbox.mastodon.RefreshFault;
import io.authpipe.sandbox.mastodon.SandboxOperator;
import io.authpipe.sandbox.mastodon.internal.state.AccessToken;
import io.authpipe.sandbox.mastodon.internal.state.Account;
import io.authpipe.sandbox.mastodon.internal.state.AccountStatus;
import io.authpipe.sandbox.mastodon.internal.state.Application;
import io.authpipe.sandbox.mastodon.internal.state.SandboxState;
import io.authpipe.sandbox.mastodon.internal.state.ScopeSet;
import io.authpipe.sandbox.mastodon.internal.state.ServerScopes;
import io.authpipe.sandbox.mastodon.internal.state.TokenRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link SandboxOperator} over the in-memory state. Logs usernames and counts, never token values. */
public final class OperatorActions implements SandboxOperator {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorActions.class);

    private final SandboxState state;

    /** Acts on {@code state}. */
    public OperatorActions(SandboxState state) {
        this.state = state;
    }

    @Override
    public int revokeTokensOf(String username) {
        int revoked = state.tokens().revokeAllOf(account(username).id(), state.now());
        LOG.info("operator revoked tokens user={} count={}", username, revoked);
        return revoked;
    }

    @Override
    public boolean revokeToken(String accessToken) {
        boolean revoked = state.tokens().findByToken(accessToken)
                .or(() -> state.tokens().findByRefreshToken(accessToken))
                .map(row -> state.tokens().revoke(row.id(), state.now()))
                .orElse(false);
        LOG.info("operator revoked one token revoked={}", revoked);
        return revoked;
    }

    @Override
    public void suspend(String username) {
        setStatus(username, AccountStatus.SUSPENDED);
    }

    @Override
    public void unsuspend(String username) {
        setStatus(username, AccountStatus.ACTIVE);
    }

    @Override
    public void deleteAccount(String username) {
        Account account = setStatus(username, AccountStatus.DELETED);
        int deleted = state.tokens().deleteAllOf(account.id());
        LOG.info("operator deleted account user={} tokensDeleted={}", username, deleted);
    }

    @Override
    public void misreportProfile(String username, Map<String, Object> fields) {
        Account account = account(username);
        state.profileOverrides().set(account.username(), fields);
        LOG.info("operator set profile overrides user={} fields={}", account.username(), fields.keySet());
    }

    @Override
    public void expireAccessToken(String accessToken) {
        if (!state.tokens().expire(accessToken, state.now())) {
            throw new IllegalArgumentException("unknown access token");
        }
    }

    @Override
    public List<String> activeTokensOf(String username) {
        return state.tokens().activeTokensOf(account(username).id(), state.now());
    }

    @Override
    public List<String> everyTokenOf(String username) {
        return state.tokens().everyTokenOf(account(username).id());
    }

    @Override
    public List<IssuedToken> mintTokens(String username, String clientId, List<String> scopes, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        Account account = account(username);
        if (account.status() == AccountStatus.DELETED) {
            throw new IllegalArgumentException("deleted user: " + username);
        }
        Application app = state.apps().byClientId(clientId)
                .orElseThrow(() -> new IllegalArgumentException("unknown client_id"));
        TokenRequest request = new TokenRequest(app.id(), account.id(), grantable(app, scopes));
        List<IssuedToken> issued = state.tokens().issueNew(request, state.config().tokenPolicy(), state.now(), count)
                .stream().map(OperatorActions::issued).toList();
        LOG.info("operator minted tokens user={} app={} count={}", username, app.id(), count);
        return issued;
    }

    @Override
    public int appCount() {
        return state.apps().count();
    }

    @Override
    public List<String> clientSecrets() {
        return state.apps().clientSecrets();
    }

    @Override
    public List<String> receivedCodeVerifiers() {
        return state.receivedCodeVerifiers();
    }

    @Override
    public void failRefreshes(RefreshFault fault, int times) {
        state.refreshTraffic().arm(fault, times);
        LOG.info("operator armed refresh fault fault={} times={}", fault, times);
    }

    @Override
    public int refreshGrantsReceived() {
        return state.refreshTraffic().received();
    }

    @Override
    public int refreshesIssued() {
        return state.refreshTraffic().issued();
    }

    @Override
    public int refreshReplaysDetected() {
        return state.refreshTraffic().replays();
    }

    @Override
    public int tokensRevoked() {
        return state.tokens().revocations();
    }

    @Override
    public void startOutage(Outage outage) {
        state.outage().start(outage);
        LOG.info("operator started outage outage={}", outage);
    }

    @Override
    public void endOutage() {
        state.outage().end();
        LOG.info("operator ended outage requestsDuringOutage={}", state.outage().answered());
    }

    @Override
    public long requestsDuringOutage() {
        return state.outage().answered();
    }

    /** The scopes as an authorisation would grant them: server scopes, and the app's if it registered any. */
    private ScopeSet grantable(Application app, List<String> scopes) {
        ScopeSet requested = new ScopeSet(scopes);
        List<String> allowed = app.scopes().isEmpty() ? ServerScopes.of(state.version())
                : app.scopes().intersect(ServerScopes.of(state.version())).values();
        if (requested.isEmpty() || !requested.isSubsetOf(allowed)) {
            throw new IllegalArgumentException("scopes not grantable to this app: " + requested.asString());
        }
        return requested;
    }

    private static IssuedToken issued(AccessToken token) {
        return new IssuedToken(token.token(), Optional.ofNullable(token.refreshToken()), token.createdAt(),
                Optional.ofNullable(token.expiresAt()));
    }

    private Account setStatus(String username, AccountStatus status) {
        account(username);
        Account updated = state.accounts().setStatus(username, status);
        LOG.info("operator set account status user={} status={}", username, status);
        return updated;
    }

    private Account account(String username) {
        return state.accounts().byUsername(username)
                .orElseThrow(() -> new IllegalArgumentException("unknown user: " + username));
    }
}
