package io.authpipe.sandbox.mastodon.internal.state;

/** Lifecycle of a local account as far as OAuth is concerned ({@code MASTODON.md} §4). */
public enum AccountStatus {
    /** Normal account. */
    ACTIVE,
    /** Suspended by an admin: tokens kept, API answers 403 "Your login is currently disabled". */
    SUSPENDED,
    /** Deleted by its owner: cannot sign in, tokens deleted. */
    DELETED
}
