package io.authpipe.core.instance;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A {@link HostResolver} answering from a table of IP literals; anything else is unknown. No real DNS. */
final class LiteralResolver implements HostResolver {
    private final Map<String, List<InetAddress>> table = new HashMap<>();

    LiteralResolver with(String host, String... literals) {
        table.put(host.toLowerCase(Locale.ROOT), Arrays.stream(literals).map(LiteralResolver::address).toList());
        return this;
    }

    LiteralResolver with(String host, InetAddress... addresses) {
        table.put(host.toLowerCase(Locale.ROOT), List.of(addresses));
        return this;
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        List<InetAddress> addresses = table.get(host.toLowerCase(Locale.ROOT)); // DNS names are case-insensitive
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        return addresses;
    }

    /** Parses an IP literal; {@code InetAddress} does not query DNS for literals. */
    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** An {@link Inet6Address} even for an IPv4-mapped address, which {@code getByName} turns into IPv4. */
    static InetAddress ipv6(byte[] sixteenBytes) {
        try {
            return Inet6Address.getByAddress(null, sixteenBytes, -1);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
