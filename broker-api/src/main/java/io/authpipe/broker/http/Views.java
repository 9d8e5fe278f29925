package io.authpipe.broker.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.authpipe.api.model.Account;
import io.authpipe.api.model.ConnectionBody;
import io.authpipe.api.model.CredentialBody;
import io.authpipe.api.model.ErrorBody;
import io.authpipe.api.model.HealthState;
import io.authpipe.api.model.RefreshState;
import io.authpipe.broker.api.ApiProblem;
import io.authpipe.broker.connection.CredentialRead;
import io.authpipe.events.AccountInfo;
import io.authpipe.events.StoredCredential;
import java.util.Locale;

/**
 * The API model's bodies ({@code io.authpipe.api.model}) from what the stores hold. Only {@link #credential} ever
 * carries a token, to the authenticated tenant.
 */
final class Views {
    static final ObjectMapper JSON = new ObjectMapper();

    private Views() {
    }

    static ErrorBody problem(ApiProblem problem) {
        return new ErrorBody(problem.error(), problem.message(), problem.retryAt().orElse(null), null, null, null,
                null);
    }

    static CredentialBody credential(CredentialRead.Usable usable) {
        StoredCredential c = usable.stored();
        return new CredentialBody(usable.accessToken().reveal(), c.getTokenType(), c.getScopes(), c.getExpiresAt(),
                status(c), c.getVersion(), c.getInstance(), account(c.getAccount()), refresh(c), health(c));
    }

    static ConnectionBody connection(StoredCredential c) {
        return new ConnectionBody(c.getConnection().getProvider(), c.getConnection().getUserId(), status(c),
                reason(c), c.getVersion(), c.getInstance(), c.getScopes(), c.getExpiresAt(), c.getConnectedAt(),
                c.getUpdatedAt(), account(c.getAccount()), refresh(c), health(c));
    }

    /** When the token was last refreshed, when it will be next, recent failures. */
    private static RefreshState refresh(StoredCredential c) {
        return new RefreshState(c.getLastRefreshAt(), c.getNextRefreshAt(), c.getRefreshFailures(),
                c.getLastRefreshError());
    }

    /** When the last check answered and what it found. */
    private static HealthState health(StoredCredential c) {
        return new HealthState(c.getLastCheckAt(),
                c.getLastCheckOutcome() == null ? null : lower(c.getLastCheckOutcome().name()));
    }

    static String status(StoredCredential c) {
        return lower(c.getStatus().name());
    }

    static String reason(StoredCredential c) {
        return c.getStatusReason() == null ? null : lower(c.getStatusReason().name());
    }

    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static Account account(AccountInfo a) {
        return new Account(a.getId(), a.getUsername(), a.getAcct(), a.getUrl(), a.getUri(), a.getDisplayName());
    }
}
