package io.authpipe.sandbox.mastodon.internal.apps;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Doorkeeper's {@code RedirectUriValidator} with Mastodon's settings ({@code force_ssl_in_redirect_uri false},
 * {@code forbid_redirect_uri} for data/vbscript/javascript), run on each whitespace-separated entry
 * ({@code MASTODON.md} §1 "Redirect-URI validation"). Returns the error suffixes of "Redirect URI …".
 */
final class RedirectUriValidator {

    static final Set<String> OOB = Set.of("urn:ietf:wg:oauth:2.0:oob", "urn:ietf:wg:oauth:2.0:oob:auto");
    private static final Set<String> FORBIDDEN_SCHEMES = Set.of("data", "vbscript", "javascript");

    private RedirectUriValidator() {
    }

    /** Error messages for one URI, in Doorkeeper's order; empty when valid. */
    static List<String> errorsOf(String entry) {
        if (OOB.contains(entry)) {
            return List.of();
        }
        try {
            return errorsOf(new URI(entry));
        } catch (URISyntaxException e) {
            return List.of("must be a valid URI.");
        }
    }

    private static List<String> errorsOf(URI uri) {
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        List<String> errors = new ArrayList<>();
        if (scheme != null && FORBIDDEN_SCHEMES.contains(scheme)) {
            errors.add("is forbidden by the server.");
        }
        if (uri.getRawFragment() != null) {
            errors.add("cannot contain a fragment.");
        }
        if (uri.isOpaque() || "localhost".equals(scheme)) {
            errors.add("must specify a scheme.");
        }
        if (scheme == null && uri.getHost() == null) {
            errors.add("must be an absolute URI.");
        }
        if (("http".equals(scheme) || "https".equals(scheme)) && !uri.isOpaque() && blank(uri.getHost())) {
            errors.add("must be a valid URI.");
        }
        return errors;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
