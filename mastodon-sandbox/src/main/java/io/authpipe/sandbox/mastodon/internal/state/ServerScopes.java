package io.authpipe.sandbox.mastodon.internal.state;

import io.authpipe.sandbox.mastodon.MastodonVersion;
import java.util.List;

/**
 * The scopes a server is configured with ({@code MASTODON.md} §7): Doorkeeper {@code default_scopes} followed by
 * {@code optional_scopes}, duplicates removed, in config order (this order is also {@code scopes_supported}).
 */
public final class ServerScopes {

    private static final List<String> MAIN = List.of(
            "read", "profile", "write", "write:accounts", "write:blocks", "write:bookmarks", "write:collections",
            "write:conversations", "write:favourites", "write:filters", "write:follows", "write:lists",
            "write:media", "write:mutes", "write:notifications", "write:reports", "write:statuses",
            "read:accounts", "read:blocks", "read:bookmarks", "read:collections", "read:favourites", "read:filters",
            "read:follows", "read:lists", "read:mutes", "read:notifications", "read:search", "read:statuses",
            "follow", "push",
            "admin:read", "admin:read:accounts", "admin:read:reports", "admin:read:domain_allows",
            "admin:read:domain_blocks", "admin:read:ip_blocks", "admin:read:email_domain_blocks",
            "admin:read:canonical_email_blocks",
            "admin:write", "admin:write:accounts", "admin:write:reports", "admin:write:domain_allows",
            "admin:write:domain_blocks", "admin:write:ip_blocks", "admin:write:email_domain_blocks",
            "admin:write:canonical_email_blocks");

    /** The default scope when none is requested. */
    public static final String DEFAULT_SCOPE = "read";

    private ServerScopes() {
    }

    /** The configured scopes of {@code version}: main's list minus {@code profile} (<4.3) and collections (<4.6). */
    public static List<String> of(MastodonVersion version) {
        return MAIN.stream().filter(scope -> existsIn(scope, version)).toList();
    }

    private static boolean existsIn(String scope, MastodonVersion version) {
        if (scope.equals("profile")) {
            return version.supportsProfileScope();
        }
        if (scope.endsWith(":collections")) {
            return version.supportsCollectionsScopes();
        }
        return true;
    }
}
