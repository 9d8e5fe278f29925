package io.authpipe.sandbox.mastodon.internal.operator;

import io.authpipe.sandbox.mastodon.RefreshFault;
import io.authpipe.sandbox.mastodon.SandboxOperator;
import io.authpipe.sandbox.mastodon.internal.state.Account;
import io.authpipe.sandbox.mastodon.internal.state.AccountStatus;
import io.authpipe.sandbox.mastodon.internal.state.SandboxState;
import java.util.List;
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
