package io.authpipe.mastodon;

/**
 * The account a token belongs to, from {@code verify_credentials}. {@code acct} is the full handle
 * {@code username@LOCAL_DOMAIN}, built from {@code /api/v2/instance}'s {@code domain}, not from the API host.
 */
public record MastodonAccount(String id, String username, String acct, String url, String uri, String displayName) {
}
