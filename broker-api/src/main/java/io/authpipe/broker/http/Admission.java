package io.authpipe.broker.http;

import io.authpipe.broker.api.ApiProblem;
import io.authpipe.broker.flow.CallbackUrls;
import io.authpipe.broker.tenant.Tenant;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.util.Optional;

/**
 * The first thing every request meets: who is calling, and may they now. A peer instance's forwarded request
 * (see {@link PeerAuth}) was charged where it came in and is not charged again. A request with a tenant's API key
 * is charged to that tenant; everything else — the OAuth callback, a connect session's routes (the browser holds
 * only the session token), the connect page, {@code /health}, {@code /oauth/finished}, unknown paths, and requests
 * whose key or admin token is wrong — to the client's address. A spent budget is
 * {@code 429 rate_limited} with {@code Retry-After}, before any work is done. Requests with the admin token are
 * not limited (one operator).
 */
final class Admission {
    private final PeerAuth peers;
    private final TenantAuth tenants;
    private final AdminAuth admin;
    private final ClientAddress addresses;
    private final RateLimiter perAddress;
    private final RateLimiter perTenant;

    Admission(PeerAuth peers, TenantAuth tenants, AdminAuth admin, ClientAddress addresses, RateLimiter perAddress,
              RateLimiter perTenant) {
        this.peers = peers;
        this.tenants = tenants;
        this.admin = admin;
        this.addresses = addresses;
        this.perAddress = perAddress;
        this.perTenant = perTenant;
    }

    void admit(Context ctx) {
        boolean peer = peers.isPeer(ctx);
        if (isTenantRoute(ctx)) {
            Optional<Tenant> tenant = tenants.find(ctx);
            if (tenant.isEmpty()) {
                chargeAddress(ctx, peer);
                throw TenantAuth.unauthorized(ctx);
            }
            if (!peer) {
                charge(perTenant, tenant.get().id().value(), "this tenant's API key");
            }
        } else if (ctx.path().startsWith("/admin/") && admin.enabled()) {
            if (!admin.matches(ctx)) {
                chargeAddress(ctx, peer);
                throw AdminAuth.unauthorized(ctx);
            }
        } else {
            chargeAddress(ctx, peer);
        }
    }

    private static boolean isTenantRoute(Context ctx) {
        return ctx.path().startsWith("/v1/") && !ctx.path().equals(CallbackUrls.PATH)
                && !ctx.path().startsWith(SessionRoutes.PATH + "/") && ctx.method() != HandlerType.OPTIONS;
    }

    private void chargeAddress(Context ctx, boolean peer) {
        if (!peer) {
            charge(perAddress, addresses.of(ctx), "this client address");
        }
    }

    private static void charge(RateLimiter limiter, String key, String whose) {
        Optional<Instant> retryAt = limiter.tryAcquire(key);
        if (retryAt.isPresent()) {
            throw ApiProblem.rateLimited("too many requests from " + whose + "; retry after the Retry-After delay",
                    retryAt.get()).toException();
        }
    }
}
