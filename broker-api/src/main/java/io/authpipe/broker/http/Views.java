package io.authpipe.broker.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.authpipe.broker.api.ApiProblem;
import io.authpipe.broker.connection.CredentialRead;
import io.authpipe.events.AccountInfo;
import io.authpipe.events.StoredCredential;
import java.time.Instant;
import java.util.Locale;

/** JSON views of API answers. Only {@link #credential} ever carries a token, to the authenticated tenant. */
final class Views {
    static final ObjectMapper JSON = new ObjectMapper();

    private Views() {
    }

    static ObjectNode problem(ApiProblem problem) {
        ObjectNode node = JSON.createObjectNode().put("error", problem.error()).put("message", problem.message());
        problem.retryAt().ifPresent(at -> node.put("retryAt", at.toString()));
        return node;
    }

    static ObjectNode credential(CredentialRead.Usable usable) {
        StoredCredential c = usable.stored();
        ObjectNode node = JSON.createObjectNode()
                .put("credential", usable.accessToken().reveal())
                .put("tokenType", c.getTokenType());
        node.putArray("scopes").addAll(c.getScopes().stream().map(JSON.getNodeFactory()::textNode).toList());
        node.put("expiresAt", iso(c.getExpiresAt()))
                .put("status", status(c))
                .put("version", c.getVersion())
                .put("instance", c.getInstance());
        node.set("account", account(c.getAccount()));
        refresh(node, c);
        return node;
    }

    /**
     * The refresh state (when the token was last refreshed, when it will be next, recent failures) and the health
     * state (when the last check answered and what it found).
     */
    private static void refresh(ObjectNode node, StoredCredential c) {
        node.putObject("refresh")
                .put("lastRefreshAt", iso(c.getLastRefreshAt()))
                .put("nextRefreshAt", iso(c.getNextRefreshAt()))
                .put("failures", c.getRefreshFailures())
                .put("lastError", c.getLastRefreshError());
        node.putObject("health")
                .put("lastCheckAt", iso(c.getLastCheckAt()))
                .put("lastOutcome", c.getLastCheckOutcome() == null ? null : lower(c.getLastCheckOutcome().name()));
    }

    static ObjectNode connection(StoredCredential c) {
        ObjectNode node = JSON.createObjectNode()
                .put("provider", c.getConnection().getProvider())
                .put("userId", c.getConnection().getUserId())
                .put("status", status(c))
                .put("statusReason", c.getStatusReason() == null ? null : lower(c.getStatusReason().name()))
                .put("version", c.getVersion())
                .put("instance", c.getInstance());
        node.putArray("scopes").addAll(c.getScopes().stream().map(JSON.getNodeFactory()::textNode).toList());
        node.put("expiresAt", iso(c.getExpiresAt()))
                .put("connectedAt", iso(c.getConnectedAt()))
                .put("updatedAt", iso(c.getUpdatedAt()));
        node.set("account", account(c.getAccount()));
        refresh(node, c);
        return node;
    }

    static String status(StoredCredential c) {
        return lower(c.getStatus().name());
    }

    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static ObjectNode account(AccountInfo a) {
        return JSON.createObjectNode()
                .put("id", a.getId())
                .put("username", a.getUsername())
                .put("acct", a.getAcct())
                .put("url", a.getUrl())
                .put("uri", a.getUri())
                .put("displayName", a.getDisplayName());
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
