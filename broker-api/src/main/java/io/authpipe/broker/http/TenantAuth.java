package io.authpipe.broker.http;

import io.authpipe.broker.api.ApiProblem;
import io.authpipe.broker.tenant.ApiKey;
import io.authpipe.broker.tenant.Tenant;
import io.authpipe.broker.tenant.TenantDirectory;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Authenticates {@code Authorization: Bearer <tenant API key>}: the key names its tenant, whose stored SHA-256 must
 * match (constant-time). Any failure is the same 401, so the answer does not tell which tenants exist.
 */
final class TenantAuth {
    private static final String ATTRIBUTE = "authpipe.tenant";

    private final TenantDirectory tenants;

    TenantAuth(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    /** The tenant whose key the request carries (remembered for {@link #tenant}), or empty. */
    Optional<Tenant> find(Context ctx) {
        Optional<Tenant> tenant = bearer(ctx).flatMap(ApiKey::parse)
                .flatMap(key -> tenants.find(key.tenant()).filter(t -> key.matches(t.apiKeyHash())));
        tenant.ifPresent(t -> ctx.attribute(ATTRIBUTE, t));
        return tenant;
    }

    static ApiProblem.ApiException unauthorized(Context ctx) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"authpipe\"");
        return ApiProblem.of(401, "unauthorized", "send a tenant API key as Authorization: Bearer ap_...")
                .toException();
    }

    static Tenant tenant(Context ctx) {
        return ctx.attribute(ATTRIBUTE);
    }

    static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).strip());
    }
}
