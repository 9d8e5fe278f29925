package io.authpipe.broker.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.authpipe.broker.api.ApiProblem;
import io.authpipe.broker.keys.KeyRotations;
import io.authpipe.broker.keys.TenantEraser;
import io.authpipe.broker.tenant.Tenant;
import io.authpipe.broker.tenant.TenantRegistry;
import io.authpipe.core.identity.TenantId;
import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * The admin API's key operations: {@code POST /admin/v1/tenants/{id}/key-rotation} starts an online rotation,
 * {@code GET} of the same path shows its progress (and completes it when nothing is left under an old key),
 * {@code DELETE /admin/v1/tenants/{id}} crypto-shreds the tenant, and {@code GET /admin/v1/tenants/{id}/connections}
 * lets peers gather a tenant's connections for these operations.
 */
final class KeyRoutes {
    private final TenantRegistry tenants;
    private final KeyRotations rotations;
    private final TenantEraser eraser;
    private final TenantConnections connections;

    KeyRoutes(TenantRegistry tenants, KeyRotations rotations, TenantEraser eraser, TenantConnections connections) {
        this.tenants = tenants;
        this.rotations = rotations;
        this.eraser = eraser;
        this.connections = connections;
    }

    void register(Javalin app) {
        app.post("/admin/v1/tenants/{tenantId}/key-rotation", this::startRotation);
        app.get("/admin/v1/tenants/{tenantId}/key-rotation", this::rotationStatus);
        app.get("/admin/v1/tenants/{tenantId}/connections", this::peerListing);
        app.delete("/admin/v1/tenants/{tenantId}", this::delete);
    }

    private void startRotation(Context ctx) {
        Tenant tenant = rotations.start(tenant(ctx));
        rotations.resealLocal(tenant);
        ctx.status(202).json(status(ctx, tenant));
    }

    private void rotationStatus(Context ctx) {
        ctx.json(status(ctx, tenant(ctx)));
    }

    private ObjectNode status(Context ctx, Tenant tenant) {
        KeyRotations.Progress progress = rotations.progress(tenant, connections.gather(ctx, tenant.id(),
                peerPath(tenant.id())));
        Tenant current = rotations.completeIfDone(tenant, progress);
        ObjectNode node = Views.JSON.createObjectNode().put("tenantId", tenant.id().value())
                .put("currentKey", current.keys().current().value());
        current.rotation().ifPresent(r -> node.put("startedAt", r.startedAt().toString())
                .put("completedAt", r.completedAt().map(Object::toString).orElse(null)));
        node.putObject("connections").put("total", progress.total()).put("onCurrentKey", progress.onCurrentKey())
                .put("remaining", progress.remaining());
        return node;
    }

    private void peerListing(Context ctx) {
        TenantId id = tenantId(ctx);
        if (!connections.answeredPeer(ctx, id)) {
            throw ApiProblem.notFound("not_found", "this path serves broker-api peers").toException();
        }
    }

    private void delete(Context ctx) {
        Tenant tenant = tenant(ctx);
        TenantEraser.Result result = eraser.erase(tenant, connections.gather(ctx, tenant.id(), peerPath(tenant.id())));
        ctx.json(Views.JSON.createObjectNode().put("tenantId", tenant.id().value()).put("status", "deleted")
                .put("connectionsErased", result.connectionsErased())
                .put("revokedAtProvider", result.revokedAtProvider()));
    }

    private static String peerPath(TenantId id) {
        return "/admin/v1/tenants/" + id.value() + "/connections";
    }

    private Tenant tenant(Context ctx) {
        TenantId id = tenantId(ctx);
        return tenants.find(id).orElseThrow(() -> ApiProblem.notFound("tenant_not_found", "no tenant " + id)
                .toException());
    }

    private static TenantId tenantId(Context ctx) {
        try {
            return TenantId.of(PathParams.get(ctx, "tenantId"));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("invalid_path", "tenantId: " + e.getMessage()).toException();
        }
    }
}
