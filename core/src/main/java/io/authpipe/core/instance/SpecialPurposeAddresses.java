package io.authpipe.core.instance;

import static io.authpipe.core.instance.Ipv4Embedding.MAPPED;
import static io.authpipe.core.instance.Ipv4Embedding.NAT64;
import static io.authpipe.core.instance.Ipv4Embedding.NONE;
import static io.authpipe.core.instance.Ipv4Embedding.SIX_TO_FOUR;
import static io.authpipe.core.instance.Ipv4Embedding.TEREDO;

import java.util.Comparator;
import java.util.List;

/**
 * Every address block the SSRF guard knows, one row each with its RFC: the IANA IPv4 and IPv6 Special-Purpose
 * Address Registries (RFC 6890, RFC 8190; the registries as updated 2025-10), and the blocks those registries
 * leave to others: multicast, the deprecated IPv6 forms, and all IPv6 space outside global unicast.
 *
 * <p>An address takes the verdict of the most specific row containing it, as the registries intend
 * ({@code 192.0.0.9/32} is globally reachable inside {@code 192.0.0.0/24}, which is not). Only rows the registry
 * marks "Globally Reachable: True" are reachable, with two exceptions refused anyway: ORCHIDv2 and DETs are
 * identifiers, never locators (RFC 7343 §2, RFC 9374 §3), so no server lives there. Rows with an
 * {@link Ipv4Embedding} (IPv4-mapped, the well-known NAT64 prefix, 6to4, Teredo: "N/A" in the registry because
 * their reachability is that of the IPv4 they carry) are reachable only if every IPv4 address inside is.
 *
 * <p>Decided strictly, and why: the local-use NAT64 block {@code 64:ff9b:1::/48} (RFC 8215) is refused whole,
 * whatever the layout (RFC 6052 §2.2 allows /48, /56, /64 and /96 prefixes inside it), because the registry marks
 * it not globally reachable and an operator's own translator would carry any IPv4 there, private ones included;
 * the IPv4-compatible {@code ::/96} and IPv4-translated {@code ::ffff:0:0:0/96} forms are deprecated and refused
 * whole; an ISATAP interface identifier is judged by its IPv4 whatever the prefix (see {@link AddressClassifier}).
 */
final class SpecialPurposeAddresses {
    private static final boolean REACHABLE = true;
    private static final boolean REFUSED = false;

    /** IPv4, as in the IANA IPv4 Special-Purpose Address Registry, plus unicast and multicast. */
    static final List<Block> IPV4 = List.of(
            row("0.0.0.0/0", "Unicast", "RFC 791", REACHABLE),
            row("0.0.0.0/8", "This network", "RFC 791 §3.2", REFUSED),
            row("0.0.0.0/32", "This host on this network", "RFC 1122 §3.2.1.3", REFUSED),
            row("10.0.0.0/8", "Private-Use", "RFC 1918", REFUSED),
            row("100.64.0.0/10", "Shared Address Space", "RFC 6598", REFUSED),
            row("127.0.0.0/8", "Loopback", "RFC 1122 §3.2.1.3", REFUSED),
            row("169.254.0.0/16", "Link Local", "RFC 3927", REFUSED),
            row("172.16.0.0/12", "Private-Use", "RFC 1918", REFUSED),
            row("192.0.0.0/24", "IETF Protocol Assignments", "RFC 6890 §2.1", REFUSED),
            row("192.0.0.0/29", "IPv4 Service Continuity Prefix", "RFC 7335", REFUSED),
            row("192.0.0.8/32", "IPv4 dummy address", "RFC 7600", REFUSED),
            row("192.0.0.9/32", "Port Control Protocol Anycast", "RFC 7723", REACHABLE),
            row("192.0.0.10/32", "Traversal Using Relays around NAT Anycast", "RFC 8155", REACHABLE),
            row("192.0.0.170/32", "NAT64/DNS64 Discovery", "RFC 8880, RFC 7050 §2.2", REFUSED),
            row("192.0.0.171/32", "NAT64/DNS64 Discovery", "RFC 8880, RFC 7050 §2.2", REFUSED),
            row("192.0.2.0/24", "Documentation (TEST-NET-1)", "RFC 5737", REFUSED),
            row("192.31.196.0/24", "AS112-v4", "RFC 7535", REACHABLE),
            row("192.52.193.0/24", "AMT", "RFC 7450", REACHABLE),
            row("192.88.99.0/24", "Deprecated (6to4 Relay Anycast)", "RFC 7526", REFUSED),
            row("192.88.99.2/32", "6a44-relay anycast address", "RFC 6751", REFUSED),
            row("192.168.0.0/16", "Private-Use", "RFC 1918", REFUSED),
            row("192.175.48.0/24", "Direct Delegation AS112 Service", "RFC 7534", REACHABLE),
            row("198.18.0.0/15", "Benchmarking", "RFC 2544", REFUSED),
            row("198.51.100.0/24", "Documentation (TEST-NET-2)", "RFC 5737", REFUSED),
            row("203.0.113.0/24", "Documentation (TEST-NET-3)", "RFC 5737", REFUSED),
            row("224.0.0.0/4", "Multicast", "RFC 5771", REFUSED),
            row("240.0.0.0/4", "Reserved", "RFC 1112 §4", REFUSED),
            row("255.255.255.255/32", "Limited Broadcast", "RFC 8190, RFC 919 §7", REFUSED));

    /** IPv6, as in the IANA IPv6 Special-Purpose Address Registry, plus the address-space rows around it. */
    static final List<Block> IPV6 = List.of(
            row("::/0", "Not global unicast (reserved or unassigned)", "RFC 4291 §2.4", REFUSED),
            row("2000::/3", "Global Unicast", "RFC 4291 §2.4, RFC 3587", REACHABLE),
            row("::/128", "Unspecified Address", "RFC 4291 §2.5.2", REFUSED),
            row("::1/128", "Loopback Address", "RFC 4291 §2.5.3", REFUSED),
            row("::/96", "IPv4-compatible (deprecated)", "RFC 4291 §2.5.5.1", REFUSED),
            embedding("::ffff:0:0/96", "IPv4-mapped Address", "RFC 4291 §2.5.5.2", MAPPED),
            row("::ffff:0:0:0/96", "IPv4-translated (obsolete SIIT)", "RFC 2765 §2.1", REFUSED),
            embedding("64:ff9b::/96", "IPv4-IPv6 Translation (well-known prefix)", "RFC 6052", NAT64),
            row("64:ff9b:1::/48", "IPv4-IPv6 Translation (local-use)", "RFC 8215", REFUSED),
            row("100::/64", "Discard-Only Address Block", "RFC 6666", REFUSED),
            row("100:0:0:1::/64", "Dummy IPv6 Prefix", "RFC 9780", REFUSED),
            row("2001::/23", "IETF Protocol Assignments", "RFC 2928", REFUSED),
            embedding("2001::/32", "TEREDO", "RFC 4380, RFC 8190", TEREDO),
            row("2001:1::1/128", "Port Control Protocol Anycast", "RFC 7723", REACHABLE),
            row("2001:1::2/128", "Traversal Using Relays around NAT Anycast", "RFC 8155", REACHABLE),
            row("2001:1::3/128", "DNS-SD Service Registration Protocol Anycast", "RFC 9665", REACHABLE),
            row("2001:2::/48", "Benchmarking", "RFC 5180", REFUSED),
            row("2001:3::/32", "AMT", "RFC 7450", REACHABLE),
            row("2001:4:112::/48", "AS112-v6", "RFC 7535", REACHABLE),
            row("2001:10::/28", "Deprecated (previously ORCHID)", "RFC 4843", REFUSED),
            row("2001:20::/28", "ORCHIDv2", "RFC 7343", REFUSED), // registry: reachable; an identifier
            row("2001:30::/28", "Drone Remote ID Protocol Entity Tags (DETs)", "RFC 9374", REFUSED), // likewise
            row("2001:db8::/32", "Documentation", "RFC 3849", REFUSED),
            embedding("2002::/16", "6to4", "RFC 3056", SIX_TO_FOUR),
            row("2620:4f:8000::/48", "Direct Delegation AS112 Service", "RFC 7534", REACHABLE),
            row("3fff::/20", "Documentation", "RFC 9637", REFUSED),
            row("5f00::/16", "Segment Routing (SRv6) SIDs", "RFC 9602", REFUSED),
            row("fc00::/7", "Unique-Local", "RFC 4193, RFC 8190", REFUSED),
            row("fe80::/10", "Link-Local Unicast", "RFC 4291 §2.5.6", REFUSED),
            row("fec0::/10", "Site-Local (deprecated)", "RFC 3879", REFUSED),
            row("ff00::/8", "Multicast", "RFC 4291 §2.7", REFUSED));

    private SpecialPurposeAddresses() {
    }

    /** The most specific row containing {@code address} (4 or 16 bytes); there always is one. */
    static Block mostSpecific(byte[] address) {
        return (address.length == 4 ? IPV4 : IPV6).stream().filter(b -> b.cidr().contains(address))
                .max(Comparator.comparingInt(b -> b.cidr().length()))
                .orElseThrow(() -> new IllegalArgumentException("not an IP address: " + address.length + " bytes"));
    }

    private static Block row(String cidr, String name, String rfc, boolean reachable) {
        return new Block(Cidr.parse(cidr), name, rfc, reachable, NONE);
    }

    private static Block embedding(String cidr, String name, String rfc, Ipv4Embedding embedding) {
        return new Block(Cidr.parse(cidr), name, rfc, REACHABLE, embedding);
    }

    /**
     * One row: a block, its registry name and RFC, whether Authpipe may connect there, and the IPv4 it carries
     * (for an embedding row, {@code reachable} holds only when every embedded IPv4 address is reachable).
     */
    record Block(Cidr cidr, String name, String rfc, boolean reachable, Ipv4Embedding embedding) {
    }
}
