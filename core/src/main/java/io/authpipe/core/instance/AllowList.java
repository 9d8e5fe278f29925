package io.authpipe.core.instance;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * The operator's list of instances allowed to be private or plain http ({@code AUTHPIPE_INSTANCE_ALLOWLIST}).
 * An entry names a host and, usually, one port:
 * <ul>
 *   <li>{@code host:port}, {@code [::1]:port}, {@code scheme://host:port}: that port only;</li>
 *   <li>{@code https://host} or {@code http://host}: the scheme's default port only (443 or 80);</li>
 *   <li>a bare {@code host}: every port of that host.</li>
 * </ul>
 * Hosts compare in OkHttp's canonical form (lowercase punycode, IPv6 compressed without brackets, an IPv4-mapped
 * IPv6 literal as its IPv4), the form a request URL's host and a connected socket's literal are brought to.
 */
final class AllowList {
    private static final Pattern ENDS_WITH_PORT = Pattern.compile("(?<!:):\\d+/?$");

    private final List<Entry> entries;

    private AllowList(List<Entry> entries) {
        this.entries = entries;
    }

    static AllowList of(Collection<String> raw) {
        return new AllowList(raw.stream().map(String::strip).filter(e -> !e.isEmpty()).map(AllowList::entry)
                .distinct().toList());
    }

    /** Whether {@code host} may be reached on {@code port}. */
    boolean permits(String host, int port) {
        String h = canonical(host);
        return entries.stream().anyMatch(e -> e.host().equals(h) && (e.port().isEmpty() || e.port().getAsInt() == port));
    }

    /** Whether any entry names {@code host}, on any port: its DNS answers are then not filtered. */
    boolean namesHost(String host) {
        String h = canonical(host);
        return entries.stream().anyMatch(e -> e.host().equals(h));
    }

    private static Entry entry(String text) {
        try {
            InstanceAddress address = InstanceAddress.parse(text);
            return new Entry(canonical(address.host()), port(text, address));
        } catch (InvalidInstanceException e) {
            return new Entry(canonical(text), OptionalInt.empty()); // names a host no request can have
        }
    }

    /** The port an entry names; {@link InstanceAddress} drops a default port, so the text says whether one was given. */
    private static OptionalInt port(String text, InstanceAddress address) {
        if (address.port() != -1) {
            return OptionalInt.of(address.port());
        }
        boolean named = text.contains("://") || ENDS_WITH_PORT.matcher(text).find();
        return named ? OptionalInt.of(defaultPort(address.scheme())) : OptionalInt.empty();
    }

    static int defaultPort(String scheme) {
        return scheme.equals("http") ? 80 : 443;
    }

    /** OkHttp's form of a host name or IP literal; anything OkHttp cannot read is only lowercased. */
    static String canonical(String host) {
        try {
            return new HttpUrl.Builder().scheme("http").host(host).build().host();
        } catch (IllegalArgumentException e) {
            return host.toLowerCase(Locale.ROOT);
        }
    }

    /** A host in canonical form and its port, or every port when {@code port} is empty. */
    private record Entry(String host, OptionalInt port) {
    }
}
