package io.authpipe.sandbox.mastodon.internal.api;

import io.authpipe.sandbox.mastodon.internal.state.Account;
import io.authpipe.sandbox.mastodon.internal.web.JsonObject;
import io.authpipe.sandbox.mastodon.internal.web.Times;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code REST::CredentialAccountSerializer}: the Account entity plus {@code source} and {@code role}
 * ({@code MASTODON.md} §5). {@code acct} of a local account is the bare username; {@code url} and {@code uri} use
 * the web address, not LOCAL_DOMAIN. Fields the operator overrode ({@code ProfileOverrides}) replace the true ones.
 */
public final class AccountJson {

    private AccountJson() {
    }

    /** The credential account of {@code account} served from {@code baseUrl}, with {@code overrides} applied. */
    public static Map<String, Object> credentialAccount(Account account, String baseUrl,
                                                        Map<String, Object> overrides) {
        Map<String, Object> json = new LinkedHashMap<>(credentialAccount(account, baseUrl));
        json.putAll(overrides);
        return json;
    }

    /** The credential account of {@code account} served from {@code baseUrl}. */
    public static Map<String, Object> credentialAccount(Account account, String baseUrl) {
        String username = account.username();
        return JsonObject.create()
                .with("id", String.valueOf(account.id()))
                .with("username", username)
                .with("acct", username)
                .with("display_name", account.user().displayName())
                .with("locked", false).with("bot", false).with("discoverable", true).with("indexable", false)
                .with("group", false)
                .with("created_at", Times.iso8601Millis(account.createdAt()))
                .with("note", "")
                .with("url", baseUrl + "/@" + username)
                .with("uri", baseUrl + "/users/" + username)
                .with("avatar", baseUrl + "/avatars/original/missing.png")
                .with("avatar_static", baseUrl + "/avatars/original/missing.png")
                .with("header", baseUrl + "/headers/original/missing.png")
                .with("header_static", baseUrl + "/headers/original/missing.png")
                .with("followers_count", 0).with("following_count", 0).with("statuses_count", 0)
                .with("last_status_at", null)
                .with("hide_collections", false)
                .with("noindex", false)
                .with("emojis", List.of()).with("roles", List.of()).with("fields", List.of())
                .with("source", source(account))
                .with("role", role())
                .toMap();
    }

    private static JsonObject source(Account account) {
        return JsonObject.create()
                .with("privacy", "public").with("sensitive", false)
                .with("language", account.user().locale()).with("note", "").with("fields", List.of())
                .with("follow_requests_count", 0).with("hide_collections", false).with("discoverable", true)
                .with("indexable", false).with("attribution_domains", List.of()).with("quote_policy", "public");
    }

    private static JsonObject role() {
        return JsonObject.create()
                .with("id", "-99").with("name", "").with("permissions", "0").with("color", "")
                .with("highlighted", false);
    }
}
