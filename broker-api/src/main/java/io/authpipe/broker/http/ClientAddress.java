package io.authpipe.broker.http;

import io.javalin.http.Context;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The address an anonymous request is charged to. The connection's peer address, or, when that peer is a trusted
 * reverse proxy ({@code AUTHPIPE_TRUSTED_PROXIES}), the right-most {@code X-Forwarded-For} entry that is not
 * itself a trusted proxy (entries further left are the client's own claims). An IPv6 address counts by its /64:
 * one host usually holds a whole /64, so per-address budgets would otherwise be free to multiply. Never resolves
 * a name.
 */
final class ClientAddress {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private final Set<String> trustedProxies;

    ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies.stream().map(ClientAddress::canonical).toList());
    }

    /** The key of the request's client address. */
    String of(Context ctx) {
        String peer = canonical(ctx.req().getRemoteAddr());
        if (trustedProxies.contains(peer)) {
            List<String> hops = forwardedFor(ctx);
            for (int i = hops.size() - 1; i >= 0; i--) {
                String hop = canonical(hops.get(i));
                if (!trustedProxies.contains(hop)) {
                    return bucket(hop);
                }
            }
        }
        return bucket(peer);
    }

    private static List<String> forwardedFor(Context ctx) {
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(ctx.req().getHeaders(FORWARDED_FOR))) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        return hops;
    }

    /** A literal IP address in one spelling; anything else as given. */
    static String canonical(String address) {
        return literal(address).map(InetAddress::getHostAddress).orElse(address);
    }

    /** IPv4 addresses as they are; IPv6 ones by their /64 prefix. */
    static String bucket(String address) {
        Optional<InetAddress> ip = literal(address).filter(a -> a instanceof Inet6Address);
        if (ip.isEmpty()) {
            return address;
        }
        byte[] bytes = ip.get().getAddress();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return prefix.append(":/64").toString();
    }

    /** The address if {@code text} is an IP literal (IPv6 possibly in brackets); never a DNS lookup. */
    private static Optional<InetAddress> literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        try {
            if (IPV4.matcher(bare).matches()) {
                return ipv4(bare.split("\\."));
            }
            // in brackets the JDK parses an IPv6 literal or fails; it never asks DNS
            return bare.contains(":") ? Optional.of(InetAddress.getByName("[" + bare + "]")) : Optional.empty();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> ipv4(String[] octets) throws UnknownHostException {
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(octets[i]);
            if (octet > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) octet;
        }
        return Optional.of(InetAddress.getByAddress(bytes));
    }
}
