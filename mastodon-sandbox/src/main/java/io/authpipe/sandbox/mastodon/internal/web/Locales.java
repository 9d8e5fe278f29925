package io.authpipe.sandbox.mastodon.internal.web;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Mastodon's {@code Localized} concern ({@code MASTODON.md} §10): {@code ?lang=} first, then the signed-in user's
 * (or token owner's) locale, then {@code Accept-Language}, else English. The sandbox only has {@code en} and
 * {@code de} texts; other locales are ignored like unknown ones.
 */
public final class Locales {

    private static final Set<String> AVAILABLE = Set.of("en", "de");

    private Locales() {
    }

    /** The locale to answer in; {@code userLocale} may be {@code null}. */
    public static String resolve(Context ctx, String userLocale) {
        return available(ctx.queryParam("lang"))
                .or(() -> available(userLocale))
                .or(() -> fromAcceptLanguage(ctx.header("Accept-Language")))
                .orElse("en");
    }

    private static Optional<String> fromAcceptLanguage(String header) {
        if (header == null) {
            return Optional.empty();
        }
        for (String part : header.split(",")) {
            Optional<String> locale = available(part.split(";")[0]);
            if (locale.isPresent()) {
                return locale;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> available(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String language = tag.trim().split("[-_]")[0].toLowerCase(Locale.ROOT);
        return AVAILABLE.contains(language) ? Optional.of(language) : Optional.empty();
    }
}
