package io.authpipe.schemas.internal;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a Confluent-compatible schema registry lives: a base URL (scheme, host, port and an optional base path
 * such as Apicurio's {@code /apis/ccompat/v7}) and optional HTTP basic credentials taken from the URL's
 * user-info ({@code https://user:password@host/path}, percent-encoded).
 *
 * <p>{@link #toString()} and every message print the URL without its user-info.
 */
public final class RegistryEndpoint {

    private final URI base;
    private final Optional<String> authorization;

    private RegistryEndpoint(URI base, Optional<String> authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /**
     * Validates and splits a registry URL.
     *
     * @param url an absolute {@code http} or {@code https} URL without query or fragment
     * @return the endpoint
     * @throws IllegalArgumentException naming what is wrong (never the credentials)
     */
    public static RegistryEndpoint parse(URI url) {
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("schema registry URL must start with http:// or https://");
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("schema registry URL has no host");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("schema registry URL must not have a query or fragment");
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        String port = url.getPort() == -1 ? "" : ":" + url.getPort();
        URI base = URI.create(scheme.toLowerCase() + "://" + url.getHost() + port + path);
        return new RegistryEndpoint(base, Optional.ofNullable(url.getRawUserInfo()).map(RegistryEndpoint::basic));
    }

    private static String basic(String rawUserInfo) {
        int colon = rawUserInfo.indexOf(':');
        String user = colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon);
        String password = colon < 0 ? "" : rawUserInfo.substring(colon + 1);
        String pair = decode(user) + ":" + decode(password);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String percentEncoded) {
        return URLDecoder.decode(percentEncoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /**
     * The base URL without user-info and without a trailing slash.
     *
     * @return the base URL, safe to log
     */
    public URI base() {
        return base;
    }

    /**
     * A URL under the base.
     *
     * @param path starting with {@code /}, already percent-encoded
     * @return base + path
     */
    public URI resolve(String path) {
        return URI.create(base + path);
    }

    /**
     * The {@code Authorization} header value, when the URL carried user-info.
     *
     * @return {@code Basic base64(user:password)}, or empty
     */
    public Optional<String> authorization() {
        return authorization;
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
