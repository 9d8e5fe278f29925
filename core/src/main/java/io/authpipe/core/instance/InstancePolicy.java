package io.authpipe.core.instance;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether Authpipe may talk to an instance a user named (server-side request forgery guard).
 *
 * <p>By default only https origins whose every DNS address is globally reachable are allowed: loopback, private
 * (RFC 1918, unique-local), link-local (including the 169.254.169.254 cloud metadata address), carrier-grade NAT,
 * multicast, documentation, benchmarking, reserved and every other special-purpose range, and IPv6 forms carrying
 * such an IPv4 address, are refused ({@link SpecialPurposeAddresses}). An explicit allow-list of {@code host} or {@code host:port} entries lifts both
 * rules for the hosts it names; the embedded default allow-lists its Mastodon sandbox. The same rules apply again
 * at connect time through {@link GuardedDns}, so a DNS answer that changes after the check (rebinding) is refused
 * too.
 */
public final class InstancePolicy {
    private final Set<String> allowList;
    private final HostResolver resolver;

    public InstancePolicy(Collection<String> allowList, HostResolver resolver) {
        this.allowList = allowList.stream().map(String::strip).filter(e -> !e.isEmpty())
                .map(InstancePolicy::normaliseEntry).collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    /** An entry in the form instances are keyed by: {@code https://Host:443/} and {@code host} both become {@code host}. */
    private static String normaliseEntry(String entry) {
        try {
            return InstanceAddress.parse(entry).authority();
        } catch (InvalidInstanceException e) {
            return entry.toLowerCase(Locale.ROOT);
        }
    }

    /** Public https instances only; nothing allow-listed. */
    public static InstancePolicy strict() {
        return new InstancePolicy(List.of(), HostResolver.SYSTEM);
    }

    public static InstancePolicy allowing(Collection<String> allowList) {
        return new InstancePolicy(allowList, HostResolver.SYSTEM);
    }

    /** The verdict for {@code address}; resolves its host name. */
    public Verdict check(InstanceAddress address) {
        if (isAllowListed(address)) {
            return new Verdict.Allowed();
        }
        if (!address.isHttps()) {
            return new Verdict.Refused("instance must use https");
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(address.host());
        } catch (UnknownHostException e) {
            return new Verdict.Unresolvable();
        }
        return addresses.stream().anyMatch(AddressClassifier::isForbidden)
                ? new Verdict.Refused("instance resolves to a private, loopback, link-local or other"
                        + " special-purpose address")
                : new Verdict.Allowed();
    }

    /** Whether {@code address} is named by the allow-list, by {@code host:port} or by {@code host} alone. */
    public boolean isAllowListed(InstanceAddress address) {
        return allowList.contains(address.authority()) || allowList.contains(address.host());
    }

    /** Whether any allow-list entry names {@code host}, with or without a port. */
    boolean isAllowListedHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return allowList.stream().anyMatch(e -> e.equals(h) || e.startsWith(h + ':'));
    }

    HostResolver resolver() {
        return resolver;
    }

    /** The outcome of {@link #check}. */
    public sealed interface Verdict {
        /** Authpipe may talk to the instance. */
        record Allowed() implements Verdict { }

        /** Authpipe must not talk to the instance; {@code reason} is safe to show. */
        record Refused(String reason) implements Verdict { }

        /** The host name does not resolve. */
        record Unresolvable() implements Verdict { }
    }
}
