package io.authpipe.broker.flow;

import io.authpipe.core.identity.TenantId;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The OAuth redirect URI of each tenant: {@code <public URL>/v1/oauth/callback?tenant=<id>}. Mastodon keeps a
 * registered query and merges {@code code} and {@code state} into it (MASTODON.md §2), so the callback learns
 * which tenant the browser claims to finish a flow for and refuses a state issued to another tenant.
 */
public record CallbackUrls(URI publicUrl) {
    public static final String PATH = "/v1/oauth/callback";

    public String forTenant(TenantId tenant) {
        return publicUrl + PATH + "?tenant=" + URLEncoder.encode(tenant.value(), StandardCharsets.UTF_8);
    }
}
