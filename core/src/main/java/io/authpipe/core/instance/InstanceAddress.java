package io.authpipe.core.instance;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * A server (Mastodon instance) in normal form: scheme, lowercase punycode host, and a port only when it is not
 * the scheme's default. {@code Mastodon.Social}, {@code https://mastodon.social/}, {@code mastodon.social:443}
 * and {@code https://MASTODON.social} are the same instance; {@code https://bücher.social} becomes
 * {@code https://xn--bcher-kva.social} (Mastodon's own {@code TagManager#normalize_domain}, MASTODON.md §9).
 *
 * <p>Parsing checks syntax only. Whether Authpipe may talk to the address is {@link InstancePolicy}'s call.
 */
public record InstanceAddress(String scheme, String host, int port) {

    public InstanceAddress {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
    }

    /**
     * Parses what a user typed: a host, {@code host:port}, or an http(s) origin with an optional {@code /}.
     * Without a scheme, https is assumed.
     *
     * @throws InvalidInstanceException with a message fit for an API error body
     */
    public static InstanceAddress parse(String input) {
        if (input == null || input.isBlank()) {
            throw new InvalidInstanceException("instance is required");
        }
        String trimmed = input.strip();
        if (trimmed.startsWith("@") || trimmed.indexOf('@') > 0 && !trimmed.contains("://")) {
            throw new InvalidInstanceException("instance must be a server name such as mastodon.social, not a handle");
        }
        URI uri = toUri(trimmed.contains("://") ? trimmed : "https://" + trimmed);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new InvalidInstanceException("instance must use https");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidInstanceException("instance must be a bare origin, without credentials, query or fragment");
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new InvalidInstanceException("instance must be a server origin without a path");
        }
        return new InstanceAddress(scheme, normaliseHost(uri.getHost()), normalisePort(scheme, uri.getPort()));
    }

    private static URI toUri(String text) {
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null) {
                // java.net.URI leaves non-ASCII (IDN) hosts in the authority only
                uri = new URI(uri.getScheme(), null, hostOf(uri.getRawAuthority()), portOf(uri.getRawAuthority()),
                        uri.getPath(), uri.getQuery(), uri.getFragment());
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                throw new InvalidInstanceException("instance has no host");
            }
            return uri;
        } catch (InvalidInstanceException e) {
            throw e;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new InvalidInstanceException("instance is not a valid server name");
        }
    }

    private static String hostOf(String authority) {
        if (authority == null) {
            throw new InvalidInstanceException("instance has no host");
        }
        int colon = authority.lastIndexOf(':');
        String host = colon > 0 && !authority.endsWith("]") ? authority.substring(0, colon) : authority;
        return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
    }

    private static int portOf(String authority) {
        int colon = authority.lastIndexOf(':');
        if (colon <= 0 || authority.endsWith("]")) {
            return -1;
        }
        try {
            return Integer.parseInt(authority.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidInstanceException("instance port is not a number");
        }
    }

    private static String normaliseHost(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        try {
            return IDN.toASCII(h, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidInstanceException("instance host is not a valid domain name");
        }
    }

    private static int normalisePort(String scheme, int port) {
        if (port > 65535) {
            throw new InvalidInstanceException("instance port is out of range");
        }
        boolean isDefault = port == -1 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
        return isDefault ? -1 : port;
    }

    /** {@code host} or {@code host:port}: the key instances are stored and allow-listed under. */
    public String authority() {
        return port == -1 ? host : host + ':' + port;
    }

    /**
     * The authority of an origin this class produced ({@link #origin()}, as records store it), without parsing it
     * again: what per-instance limits count on hot paths.
     */
    public static String authorityOf(String origin) {
        return origin.substring(origin.indexOf("://") + 3);
    }

    /** {@code scheme://authority}, no trailing slash. */
    public String origin() {
        return scheme + "://" + authority();
    }

    /** {@code origin + path}; path must start with {@code /}. */
    public String url(String path) {
        return origin() + path;
    }

    public boolean isHttps() {
        return scheme.equals("https");
    }

    @Override
    public String toString() {
        return origin();
    }
}
