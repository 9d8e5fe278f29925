package io.authpipe.broker.tenant;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Decides whether a {@code returnTo} URL is one the tenant registered: same scheme, host, port and path as a
 * registered URL (scheme and host case-insensitive), any query, no fragment, no user info. Prefixes do not count:
 * registering {@code https://app.example/done} does not admit {@code https://app.example/done/../evil}.
 */
public final class ReturnUrls {
    private ReturnUrls() {
    }

    public static boolean isRegistered(Tenant tenant, String returnTo) {
        URI candidate = parse(returnTo);
        return candidate != null && candidate.getRawFragment() == null && candidate.getRawUserInfo() == null
                && tenant.returnUrls().stream().map(ReturnUrls::parse).filter(Objects::nonNull)
                .anyMatch(registered -> sameTarget(registered, candidate));
    }

    /** Whether {@code url} can be registered: an absolute http(s) URL without fragment or user info. */
    public static boolean isValidRegistration(String url) {
        URI uri = parse(url);
        return uri != null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
    }

    private static boolean sameTarget(URI registered, URI candidate) {
        return registered.getScheme().equalsIgnoreCase(candidate.getScheme())
                && registered.getHost().equalsIgnoreCase(candidate.getHost())
                && port(registered) == port(candidate)
                && path(registered).equals(path(candidate));
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url).normalize();
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null ? uri : null;
        } catch (java.net.URISyntaxException | NullPointerException e) {
            return null;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static String path(URI uri) {
        return uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    }
}
