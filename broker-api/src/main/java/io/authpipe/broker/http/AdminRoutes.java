package io.authpipe.broker.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.authpipe.broker.api.ApiProblem;
import io.authpipe.broker.producers.ProducerKeys;
import io.authpipe.broker.tenant.ReturnUrls;
import io.authpipe.broker.tenant.Tenant;
import io.authpipe.broker.tenant.TenantRegistry;
import io.authpipe.core.identity.TenantId;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;

/**
 * The operator's API, enabled by {@code AUTHPIPE_ADMIN_TOKEN}: {@code POST /admin/v1/tenants} creates a tenant and
 * returns its API key once; {@code POST /admin/v1/tenants/{tenantId}/api-key} replaces the key.
 */
final class AdminRoutes {
    private final TenantRegistry tenants;
    private final ProducerKeys producerKeys;

    AdminRoutes(TenantRegistry tenants, ProducerKeys producerKeys) {
        this.tenants = tenants;
        this.producerKeys = producerKeys;
    }

    /** Registers the routes; {@link Admission} checks the admin token before any of them runs. */
    void register(Javalin app) {
        app.post("/admin/v1/tenants", this::create);
        app.post("/admin/v1/tenants/{tenantId}/api-key", this::reissue);
    }

    private void create(Context ctx) {
        JsonNode body = JsonBodies.object(ctx);
        TenantId id = tenantId(JsonBodies.requiredText(body, "tenantId"));
        String name = JsonBodies.requiredText(body, "displayName");
        List<String> returnUrls = returnUrls(body);
        TenantRegistry.IssuedKey issued = tenants.create(id, name, returnUrls).orElseThrow(() ->
                ApiProblem.of(409, "tenant_exists", "tenant " + id + " already exists").toException());
        producerKeys.internal(issued.tenant()); // before any check request needs it, so every reader has it
        ctx.status(201).json(issuedView(issued));
    }

    private void reissue(Context ctx) {
        TenantId id = tenantId(PathParams.get(ctx, "tenantId"));
        Tenant tenant = tenants.find(id).orElseThrow(() ->
                ApiProblem.notFound("tenant_not_found", "no tenant " + id).toException());
        String body = ctx.body();
        List<String> returnUrls = body.isBlank() ? tenant.returnUrls() : returnUrls(JsonBodies.object(ctx));
        ctx.json(issuedView(tenants.reissue(tenant, returnUrls)));
    }

    private static ObjectNode issuedView(TenantRegistry.IssuedKey issued) {
        ObjectNode node = Views.JSON.createObjectNode()
                .put("tenantId", issued.tenant().id().value())
                .put("displayName", issued.tenant().displayName())
                .put("apiKey", issued.apiKey().value().reveal());
        node.putArray("returnUrls").addAll(issued.tenant().returnUrls().stream()
                .map(Views.JSON.getNodeFactory()::textNode).toList());
        return node;
    }

    private static List<String> returnUrls(JsonNode body) {
        List<String> urls = JsonBodies.requiredStrings(body, "returnUrls");
        urls.stream().filter(u -> !ReturnUrls.isValidRegistration(u)).findFirst().ifPresent(u -> {
            throw ApiProblem.badRequest("invalid_field", "returnUrls: \"" + u
                    + "\" must be an absolute http(s) URL without fragment or user info").toException();
        });
        return urls;
    }

    private static TenantId tenantId(String value) {
        try {
            return TenantId.of(value);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("invalid_field", "tenantId: " + e.getMessage()).toException();
        }
    }
}
