package io.authpipe.broker.http;

import io.authpipe.api.model.SecretBody;
import io.authpipe.broker.api.ApiProblem;
import io.authpipe.broker.secrets.SecretKind;
import io.authpipe.broker.secrets.TenantSecrets;
import io.authpipe.core.secret.Secret;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * {@code PUT|GET|DELETE /v1/secrets/{kind}/{name}}: secrets a tenant keeps in the vault, {@code kind} being
 * {@code webhook-signing-secret} or {@code app-password}. Only the tenant's backend (its API key) reads them back.
 */
final class SecretRoutes {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final int MAX_SECRET_LENGTH = 4096;

    private final TenantSecrets secrets;

    SecretRoutes(TenantSecrets secrets) {
        this.secrets = secrets;
    }

    void register(Javalin app) {
        app.put("/v1/secrets/{kind}/{name}", this::put);
        app.get("/v1/secrets/{kind}/{name}", this::get);
        app.delete("/v1/secrets/{kind}/{name}", this::delete);
    }

    private void put(Context ctx) {
        SecretKind kind = kind(ctx);
        String name = name(ctx);
        String value = JsonBodies.requiredText(JsonBodies.object(ctx), "secret");
        if (value.length() > MAX_SECRET_LENGTH) {
            throw ApiProblem.badRequest("invalid_field", "\"secret\" must be at most " + MAX_SECRET_LENGTH
                    + " characters").toException();
        }
        Instant at = secrets.put(TenantAuth.tenant(ctx), kind, name, Secret.of(value));
        ctx.json(new SecretBody(kind.segment(), name, at, null));
    }

    private void get(Context ctx) {
        SecretKind kind = kind(ctx);
        String name = name(ctx);
        TenantSecrets.StoredSecret secret = secrets.get(TenantAuth.tenant(ctx), kind, name)
                .orElseThrow(() -> ApiProblem.notFound("secret_not_found", "no " + kind.segment() + " named "
                        + name).toException());
        ctx.header("Cache-Control", "no-store").json(new SecretBody(kind.segment(), name, secret.updatedAt(),
                secret.value().reveal()));
    }

    private void delete(Context ctx) {
        SecretKind kind = kind(ctx);
        String name = name(ctx);
        if (!secrets.delete(TenantAuth.tenant(ctx), kind, name)) {
            throw ApiProblem.notFound("secret_not_found", "no " + kind.segment() + " named " + name).toException();
        }
        ctx.status(204);
    }

    private static SecretKind kind(Context ctx) {
        return SecretKind.fromSegment(PathParams.get(ctx, "kind")).orElseThrow(() -> ApiProblem.notFound("unknown_kind",
                "kind must be webhook-signing-secret or app-password").toException());
    }

    private static String name(Context ctx) {
        String name = PathParams.get(ctx, "name");
        if (!NAME.matcher(name).matches()) {
            throw ApiProblem.badRequest("invalid_name", "name must be 1 to 128 of A-Z a-z 0-9 . _ : -").toException();
        }
        return name;
    }
}
