package io.authpipe.sandbox.mastodon.internal.web;

import io.authpipe.sandbox.mastodon.MastodonVersion;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/**
 * Doorkeeper's {@code WWW-Authenticate: Bearer realm="Doorkeeper", error="…", error_description="…"}.
 * Doorkeeper 5.9.1+ (Mastodon 4.6+) replaces every character outside the RFC 6750 {@code error_description} set
 * ({@code %x20-21 / %x23-5B / %x5D-7E}: no {@code "}, no {@code \}, no non-ASCII) with {@code _}; earlier versions
 * send the description raw ({@code MASTODON.md} §4 "How the API reports a bad token").
 */
public final class WwwAuthenticate {

    private WwwAuthenticate() {
    }

    /** The header value for {@code error} and {@code description} as {@code version} would send it. */
    public static String bearer(MastodonVersion version, String error, String description) {
        String text = version.usesDoorkeeper59() ? sanitize(description) : description;
        return "Bearer realm=\"Doorkeeper\", error=\"" + error + "\", error_description=\"" + text + "\"";
    }

    /**
     * Sets the header. Puma writes header values as raw UTF-8 bytes, while Jetty writes one byte per char, so the
     * value is handed to Jetty as its UTF-8 bytes (an unsanitised German description arrives as UTF-8, like Rails').
     */
    public static void set(Context ctx, String value) {
        ctx.header("WWW-Authenticate", new String(value.getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1));
    }

    static String sanitize(String description) {
        return description.replaceAll("[^\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]", "_");
    }
}
