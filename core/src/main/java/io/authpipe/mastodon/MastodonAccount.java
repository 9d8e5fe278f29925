package io.authpipe.mastodon;

/**
 * The account a token belongs to, from {@code verify_credentials}, as {@link AccountReader} checked it. {@code acct}
 * is the full handle {@code username@domain}, its domain the {@link HandleDomain} (the LOCAL_DOMAIN from
 * {@code /api/v2/instance}'s {@code domain} when the instance's address vouches for it, else the host); {@code url}
 * and {@code uri} are http(s) URLs on the instance's own domain or null; {@code displayName} is cleaned of control
 * characters and bounded, or null.
 */
public record MastodonAccount(String id, String username, String acct, String url, String uri, String displayName) {
}
