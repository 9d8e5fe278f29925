package io.authpipe.broker.http;

import io.authpipe.api.model.CheckRequested;
import io.authpipe.api.model.ConnectionList;
import io.authpipe.api.model.Disconnected;
import io.authpipe.api.model.ErrorBody;
import io.authpipe.broker.api.ApiProblem;
import io.authpipe.broker.connection.CheckRequests;
import io.authpipe.broker.connection.ConnectionStore;
import io.authpipe.broker.connection.CredentialRead;
import io.authpipe.broker.connection.CredentialReader;
import io.authpipe.broker.connection.DisconnectService;
import io.authpipe.broker.connection.UrgentRefresh;
import io.authpipe.broker.tenant.Tenant;
import io.authpipe.broker.vault.ConnectionStates;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.events.ProviderRevocation;
import io.authpipe.events.StoredCredential;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /v1/credentials/{provider}/{userId}} (getCredential), {@code GET /v1/connections},
 * {@code DELETE /v1/connections/{provider}/{userId}} and {@code POST /v1/connections/{provider}/{userId}/check}.
 * Single-connection requests run on the instance owning the key; listings gather every instance's part.
 */
final class ConnectionRoutes {
    private static final List<String> STATUSES = List.of("active", "refreshing", "suspended", "insufficient_scope",
            "revoked", "needs_reauthorization");
    private static final int MAX_WAIT_SECONDS = 10;

    private final ConnectionStore store;
    private final CredentialReader reader;
    private final UrgentRefresh urgentRefresh;
    private final DisconnectService disconnects;
    private final CheckRequests checks;
    private final TenantConnections tenantConnections;
    private final Forwarder forwarder;
    private final Clock clock;

    ConnectionRoutes(ConnectionStore store, CredentialReader reader, UrgentRefresh urgentRefresh,
                     DisconnectService disconnects, CheckRequests checks, TenantConnections tenantConnections,
                     Forwarder forwarder, Clock clock) {
        this.store = store;
        this.reader = reader;
        this.urgentRefresh = urgentRefresh;
        this.disconnects = disconnects;
        this.checks = checks;
        this.tenantConnections = tenantConnections;
        this.forwarder = forwarder;
        this.clock = clock;
    }

    void register(Javalin app) {
        app.get("/v1/credentials/{provider}/{userId}", this::credential);
        app.get("/v1/connections", this::list);
        app.delete("/v1/connections/{provider}/{userId}", this::disconnect);
        app.post("/v1/connections/{provider}/{userId}/check", this::check);
    }

    /**
     * getCredential. A live credential whose token expired is never served: the answer is 503
     * {@code credential_expired} and an urgent refresh is requested; with {@code ?wait=<seconds>} (at most 10) the
     * request waits that long for the refreshed token first. While the owning instance does not answer, an instance
     * keeping a standby copy of the partition answers from it ({@code Authpipe-Replica: standby}).
     */
    private void credential(Context ctx) {
        ConnectionKey key = key(ctx);
        Duration wait = waitParameter(ctx);
        if (forwarder.handledElsewhereOrByStandby(ctx, store.ownerOf(key))) {
            return;
        }
        StoredCredential stored = Forwarder.answeredFromStandby(ctx)
                ? store.standby(key).orElseThrow(Forwarder::peerUnreachable) : existing(key);
        Tenant tenant = TenantAuth.tenant(ctx);
        CredentialRead read = reader.read(tenant, key, stored, clock.instant());
        if (read instanceof CredentialRead.Expired) {
            urgentRefresh.request(key, stored.getVersion());
            Optional<StoredCredential> refreshed = urgentRefresh.awaitNewerThan(key, stored.getVersion(), wait);
            if (refreshed.isPresent()) {
                stored = refreshed.get();
                read = reader.read(tenant, key, stored, clock.instant());
            }
        }
        if (read instanceof CredentialRead.Usable usable) {
            ctx.header("Cache-Control", "no-store");
            ctx.json(Views.credential(usable));
        } else if (read instanceof CredentialRead.Expired) {
            ctx.header("Retry-After", "1").status(503).json(new ErrorBody("credential_expired",
                    "the access token expired at " + stored.getExpiresAt()
                            + "; a refresh was requested, retry shortly or pass ?wait=<seconds>",
                    null, "expired", stored.getVersion(), null, stored.getExpiresAt()));
        } else {
            answerRevoked(ctx, stored, "reconnect the account");
        }
    }

    /** 410 {@code connection_revoked}: the connection holds no usable token, with its status, reason and version. */
    private static void answerRevoked(Context ctx, StoredCredential stored, String advice) {
        ctx.status(410).json(new ErrorBody("connection_revoked", "the connection is " + Views.status(stored) + "; "
                + advice, null, Views.status(stored), stored.getVersion(), Views.reason(stored), null));
    }

    private static Duration waitParameter(Context ctx) {
        String wait = ctx.queryParam("wait");
        if (wait == null) {
            return Duration.ZERO;
        }
        try {
            int seconds = Integer.parseInt(wait);
            if (seconds >= 0 && seconds <= MAX_WAIT_SECONDS) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiProblem.badRequest("invalid_wait", "wait must be a whole number of seconds from 0 to "
                + MAX_WAIT_SECONDS).toException();
    }

    private void list(Context ctx) {
        if (tenantConnections.answeredPeer(ctx, TenantAuth.tenant(ctx).id())) {
            return;
        }
        Optional<String> status = Optional.ofNullable(ctx.queryParam("status")).map(s -> s.toLowerCase(Locale.ROOT));
        if (status.isPresent() && !STATUSES.contains(status.get())) {
            throw ApiProblem.badRequest("invalid_status", "status must be one of " + STATUSES).toException();
        }
        ctx.json(new ConnectionList(allOfTenant(ctx).stream()
                .filter(c -> status.isEmpty() || Views.status(c).equals(status.get()))
                .map(Views::connection).toList()));
    }

    private void disconnect(Context ctx) {
        ConnectionKey key = key(ctx);
        if (forwarder.handledElsewhere(ctx, store.ownerOf(key))) {
            return;
        }
        StoredCredential stored = existing(key);
        Tenant tenant = TenantAuth.tenant(ctx);
        ProviderRevocation outcome = disconnects.disconnect(tenant, key, stored, allOfTenant(ctx, tenant));
        ctx.json(new Disconnected("revoked", Views.lower(outcome.name())));
    }

    /**
     * Asks the health-worker to check the connection now (a consuming service had its token refused). 202 once the
     * request is on Kafka; the result shows later in the connection's {@code health}. A connection holding no token
     * any more has nothing to check: 410 {@code connection_revoked}, as getCredential answers.
     */
    private void check(Context ctx) {
        ConnectionKey key = key(ctx);
        CheckBody body = CheckBody.read(ctx);
        if (forwarder.handledElsewhere(ctx, store.ownerOf(key))) {
            return;
        }
        StoredCredential stored = existing(key);
        if (!ConnectionStates.isCheckable(stored)) {
            answerRevoked(ctx, stored, "there is no token to check, reconnect the account");
            return;
        }
        Instant requestedAt = checks.request(TenantAuth.tenant(ctx), key, body.reason(),
                body.reportedStatus());
        ctx.status(202).json(new CheckRequested("check_requested", stored.getVersion(), requestedAt));
    }

    private List<StoredCredential> allOfTenant(Context ctx) {
        return allOfTenant(ctx, TenantAuth.tenant(ctx));
    }

    private List<StoredCredential> allOfTenant(Context ctx, Tenant tenant) {
        return tenantConnections.gather(ctx, tenant.id(), "/v1/connections");
    }

    private StoredCredential existing(ConnectionKey key) {
        return store.local(key).orElseThrow(() -> ApiProblem.notFound("connection_not_found",
                "no connection for this provider and user").toException());
    }

    private static ConnectionKey key(Context ctx) {
        try {
            return ConnectionKey.of(TenantAuth.tenant(ctx).id().value(), PathParams.get(ctx, "provider"),
                    PathParams.get(ctx, "userId"));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("invalid_path", e.getMessage()).toException();
        }
    }
}
