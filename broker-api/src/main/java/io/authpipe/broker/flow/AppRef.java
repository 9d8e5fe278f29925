package io.authpipe.broker.flow;

import io.authpipe.core.identity.TenantId;
import io.authpipe.core.instance.InstanceAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;

/**
 * Names an app registration: one per tenant, instance, scope set and redirect URI, because Mastodon apps live on
 * one server and are checked literally against the scopes they were registered with. Form:
 * {@code tenant:host[:port]:<base64url of SHA-256(sorted scopes, redirect URI), 16 chars>}.
 */
public record AppRef(String value) {

    public static AppRef of(TenantId tenant, InstanceAddress instance, List<String> scopes, String redirectUri) {
        String material = String.join(" ", new TreeSet<>(scopes)) + "\n" + redirectUri;
        String digest = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(StateToken.sha256(material.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        return new AppRef(tenant.value() + ':' + instance.authority() + ':' + digest);
    }

    @Override
    public String toString() {
        return value;
    }
}
