package io.authpipe.core.instance;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;

/**
 * Decides whether Authpipe may talk to an instance a user named (server-side request forgery guard).
 *
 * <p>By default only https origins whose every DNS address is globally reachable are allowed: loopback, private
 * (RFC 1918, unique-local), link-local (including the 169.254.169.254 cloud metadata address), carrier-grade NAT,
 * multicast, documentation, benchmarking, reserved and every other special-purpose range, and IPv6 forms carrying
 * such an IPv4 address, are refused ({@link SpecialPurposeAddresses}). An explicit allow-list ({@link AllowList})
 * of {@code host:port} (or bare {@code host}, every port) entries lifts both rules for what it names; the embedded
 * default allow-lists its Mastodon sandbox. The same rules apply again at connect time through {@link GuardedDns}
 * and its socket factory, so a DNS answer that changes after the check (rebinding) is refused too, and an entry
 * for one port of a host opens no other port of it.
 */
public final class InstancePolicy {
    private final AllowList allowList;
    private final HostResolver resolver;

    public InstancePolicy(Collection<String> allowList, HostResolver resolver) {
        this.allowList = AllowList.of(allowList);
        this.resolver = resolver;
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

    /** Whether the allow-list names {@code address}'s host on its port (the scheme's default when it has none). */
    public boolean isAllowListed(InstanceAddress address) {
        int port = address.port() == -1 ? AllowList.defaultPort(address.scheme()) : address.port();
        return allowList.permits(address.host(), port);
    }

    /** Whether any allow-list entry names {@code host}, on any port. */
    boolean isAllowListedHost(String host) {
        return allowList.namesHost(host);
    }

    /**
     * Whether a socket may connect to {@code endpoint}: its address is globally reachable, or the allow-list names
     * its host (the name the request used, or the literal) on exactly this port. Unresolved endpoints never may.
     */
    boolean mayConnect(InetSocketAddress endpoint) {
        if (endpoint.isUnresolved()) {
            return false;
        }
        return !AddressClassifier.isForbidden(endpoint.getAddress())
                || allowList.permits(endpoint.getHostString(), endpoint.getPort());
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
