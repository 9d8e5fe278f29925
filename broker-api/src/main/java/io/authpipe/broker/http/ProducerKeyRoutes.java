package io.authpipe.broker.http;

import io.authpipe.api.model.ProducerKeyBody;
import io.authpipe.api.model.ProducerKeyList;
import io.authpipe.broker.api.ApiProblem;
import io.authpipe.broker.producers.ProducerKeys;
import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * {@code POST|GET /v1/producer-keys}, {@code DELETE /v1/producer-keys/{keyId}}: the keys a tenant's producers sign
 * their topic requests with. {@code POST} issues one and shows it once; {@code GET} lists ids only. Rolling keys:
 * issue a new one, move the producers to it, then delete the old one.
 */
final class ProducerKeyRoutes {
    private final ProducerKeys keys;

    ProducerKeyRoutes(ProducerKeys keys) {
        this.keys = keys;
    }

    void register(Javalin app) {
        app.post("/v1/producer-keys", this::issue);
        app.get("/v1/producer-keys", this::list);
        app.delete("/v1/producer-keys/{keyId}", this::revoke);
    }

    private void issue(Context ctx) {
        ProducerKeys.IssuedKey issued = keys.issue(TenantAuth.tenant(ctx));
        ctx.status(201).header("Cache-Control", "no-store")
                .json(new ProducerKeyBody(issued.keyId(), issued.createdAt(), issued.key().reveal()));
    }

    private void list(Context ctx) {
        ctx.json(new ProducerKeyList(keys.list(TenantAuth.tenant(ctx)).entrySet().stream()
                .map(e -> new ProducerKeyBody(e.getKey(), e.getValue(), null)).toList()));
    }

    private void revoke(Context ctx) {
        String keyId = PathParams.get(ctx, "keyId");
        if (!keyId.matches("pk_[A-Za-z0-9_-]{16}") || !keys.revoke(TenantAuth.tenant(ctx), keyId)) {
            throw ApiProblem.notFound("producer_key_not_found", "no producer key " + keyId).toException();
        }
        ctx.status(204);
    }
}
