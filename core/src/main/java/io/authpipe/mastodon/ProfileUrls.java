package io.authpipe.mastodon;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a URL of an account's profile before Authpipe records or shows it: an absolute {@code http} or
 * {@code https} URL (never {@code javascript:}, {@code data:} or a relative path) with a host and no user info, at
 * most {@value #MAX_LENGTH} characters of visible ASCII, and parsed strictly (RFC 3986 via {@link URI}), so that
 * what a tenant's page links to is what was checked.
 */
final class ProfileUrls {
    static final int MAX_LENGTH = 2048;

    private ProfileUrls() {
    }

    /** The URL's host (lowercase, IPv6 in brackets), or empty when {@code url} is not an acceptable profile URL. */
    static Optional<String> host(String url) {
        if (url.isEmpty() || url.length() > MAX_LENGTH || !url.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getRawUserInfo() != null
                || uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(uri.getHost().toLowerCase(Locale.ROOT));
    }
}
