package io.authpipe.sandbox.mastodon.internal.api;

/**
 * Doorkeeper's {@code invalid_token} descriptions, localized like Mastodon's {@code doorkeeper.<locale>.yml}
 * ({@code MASTODON.md} §4: the 401 text follows the token owner's locale unless {@code ?lang=}).
 */
public enum InvalidTokenMessages {
    /** Unknown, deleted or missing token. */
    UNKNOWN("The access token is invalid", "Der Zugriffstoken ist ungültig"),
    /** The row has {@code revoked_at}. */
    REVOKED("The access token was revoked", "Der Zugriffstoken wurde widerrufen"),
    /** Past {@code expires_at} (never in stock Mastodon). */
    EXPIRED("The access token expired", "Der Zugriffstoken ist abgelaufen");

    private final String english;
    private final String german;

    InvalidTokenMessages(String english, String german) {
        this.english = english;
        this.german = german;
    }

    /** The description in {@code locale} ({@code en} or {@code de}). */
    public String in(String locale) {
        return "de".equals(locale) ? german : english;
    }
}
