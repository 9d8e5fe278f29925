package io.authpipe.sandbox.mastodon.internal.oauth;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Doorkeeper's {@code URIChecker.valid_for_authorization?} ({@code MASTODON.md} §2 "Redirect-URI matching"):
 * scheme and host compare case-insensitively, the path exactly; a registered URI without a query ignores the
 * requested query, one with a query needs the same {@code k=v} pairs in any order; loopback IP literals
 * ({@code 127.0.0.0/8}, {@code ::1}, not {@code localhost}) match on any port (RFC 8252 §7.3).
 */
final class RedirectUriMatcher {

    private static final Set<String> OOB = Set.of("urn:ietf:wg:oauth:2.0:oob", "urn:ietf:wg:oauth:2.0:oob:auto");
    private static final Pattern IP_LITERAL = Pattern.compile("^(\\d{1,3}(\\.\\d{1,3}){3}|\\[[0-9a-fA-F:.]+])$");

    private RedirectUriMatcher() {
    }

    static boolean isOob(String uri) {
        return uri != null && OOB.contains(uri);
    }

    /** Whether {@code requested} is acceptable for an app with {@code registered} URIs. */
    static boolean validForAuthorization(String requested, List<String> registered) {
        if (isOob(requested)) {
            return registered.contains(requested);
        }
        URI url = parse(requested);
        return url != null && isValid(url) && registered.stream().map(RedirectUriMatcher::parse)
                .filter(Objects::nonNull).anyMatch(client -> matches(url, client));
    }

    private static boolean isValid(URI url) {
        String scheme = lower(url.getScheme());
        boolean hypertext = scheme.equals("http") || scheme.equals("https");
        return !scheme.isEmpty() && !scheme.equals("localhost") && !url.isOpaque() && url.getRawFragment() == null
                && !(hypertext && url.getHost() == null);
    }

    private static boolean matches(URI url, URI client) {
        if (client.isOpaque()) {
            return false;
        }
        if (client.getRawQuery() != null && !sameQuery(url.getRawQuery(), client.getRawQuery())) {
            return false;
        }
        boolean loopback = isLoopbackLiteral(url.getHost()) && isLoopbackLiteral(client.getHost());
        return lower(url.getScheme()).equals(lower(client.getScheme()))
                && Objects.equals(url.getRawUserInfo(), client.getRawUserInfo())
                && lower(url.getHost()).equals(lower(client.getHost()))
                && (loopback || port(url) == port(client))
                && path(url).equals(path(client));
    }

    private static boolean sameQuery(String query, String clientQuery) {
        if (query == null) {
            return false;
        }
        String[] mine = query.split("&");
        String[] theirs = clientQuery.split("&");
        Arrays.sort(mine);
        Arrays.sort(theirs);
        return Arrays.equals(mine, theirs);
    }

    private static boolean isLoopbackLiteral(String host) {
        if (host == null || !IP_LITERAL.matcher(host).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return switch (lower(uri.getScheme())) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
    }

    /** Ruby's {@code URI#normalize} turns an empty path into {@code /}. */
    private static String path(URI uri) {
        String path = uri.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }

    private static URI parse(String uri) {
        try {
            return uri == null ? null : new URI(uri);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
