package io.authpipe.broker.flow;

import java.util.List;
import java.util.Set;

/**
 * The OAuth scopes Mastodon knows ({@code config/initializers/doorkeeper.rb} on main, MASTODON.md §7). Mastodon
 * checks requested scopes literally against an app's registered ones, so Authpipe validates them up front and
 * registers apps with exactly the requested set.
 */
public final class ScopeCatalog {
    private static final List<String> MASTODON_ORDER = List.of(
            "read", "profile", "write", "write:accounts", "write:blocks", "write:bookmarks", "write:collections",
            "write:conversations", "write:favourites", "write:filters", "write:follows", "write:lists",
            "write:media", "write:mutes", "write:notifications", "write:reports", "write:statuses",
            "read:accounts", "read:blocks", "read:bookmarks", "read:collections", "read:favourites",
            "read:filters", "read:follows", "read:lists", "read:mutes", "read:notifications", "read:search",
            "read:statuses", "follow", "push",
            "admin:read", "admin:read:accounts", "admin:read:reports", "admin:read:domain_allows",
            "admin:read:domain_blocks", "admin:read:ip_blocks", "admin:read:email_domain_blocks",
            "admin:read:canonical_email_blocks", "admin:write", "admin:write:accounts", "admin:write:reports",
            "admin:write:domain_allows", "admin:write:domain_blocks", "admin:write:ip_blocks",
            "admin:write:email_domain_blocks", "admin:write:canonical_email_blocks");
    private static final Set<String> MASTODON = Set.copyOf(MASTODON_ORDER);

    /** Scopes that let Authpipe call {@code verify_credentials} (it accepts any one of them, MASTODON.md §5). */
    public static final Set<String> ACCOUNT_READABLE = Set.of("profile", "read", "read:accounts");

    private ScopeCatalog() {
    }

    public static boolean isMastodonScope(String scope) {
        return MASTODON.contains(scope);
    }

    public static List<String> mastodonScopes() {
        return MASTODON_ORDER;
    }
}
