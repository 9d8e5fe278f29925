package io.authpipe.core.instance;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where an IPv6 address carries IPv4 addresses. A connection to such an address reaches, or sends packets to, the
 * IPv4 address it carries (a dual-stack socket, a NAT64 gateway, a 6to4 or Teredo tunnel), so the guard judges it
 * by that address.
 */
enum Ipv4Embedding {
    /** An ordinary block: nothing embedded. */
    NONE {
        @Override
        List<byte[]> ipv4s(byte[] v6) {
            return List.of();
        }
    },
    /** {@code ::ffff:a.b.c.d}, the last 32 bits (RFC 4291 §2.5.5.2). */
    MAPPED {
        @Override
        List<byte[]> ipv4s(byte[] v6) {
            return List.of(bits96to127(v6));
        }
    },
    /** {@code 64:ff9b::a.b.c.d}, the well-known prefix's /96 layout (RFC 6052 §2.1, §2.2). */
    NAT64 {
        @Override
        List<byte[]> ipv4s(byte[] v6) {
            return List.of(bits96to127(v6));
        }
    },
    /** {@code 2002:AABB:CCDD::/48}, the site's IPv4 in bits 16-47 (RFC 3056 §2). */
    SIX_TO_FOUR {
        @Override
        List<byte[]> ipv4s(byte[] v6) {
            return List.of(Arrays.copyOfRange(v6, 2, 6));
        }
    },
    /**
     * {@code 2001:0:SSSS:SSSS:flags:port:CCCC:CCCC}: the Teredo server's IPv4 in bits 32-63 and the client's
     * (mapped, public) IPv4 in bits 96-127, obfuscated by inverting every bit (RFC 4380 §4). A peer sends to both.
     */
    TEREDO {
        @Override
        List<byte[]> ipv4s(byte[] v6) {
            byte[] client = bits96to127(v6);
            for (int i = 0; i < client.length; i++) {
                client[i] = (byte) ~client[i];
            }
            return List.of(Arrays.copyOfRange(v6, 4, 8), client);
        }
    };

    /** The IPv4 addresses (4 bytes each) that {@code v6} carries in this layout. */
    abstract List<byte[]> ipv4s(byte[] v6);

    /**
     * The IPv4 address in an ISATAP interface identifier ({@code ::0:5efe:a.b.c.d}, {@code ::200:5efe:a.b.c.d}; the
     * u/l and group bits of the first byte ignored), whatever the prefix (RFC 5214 §6.1). A host with an ISATAP
     * link for that prefix sends to the IPv4 address inside.
     */
    static Optional<byte[]> isatap(byte[] v6) {
        boolean isatap = (v6[8] & 0xfc) == 0 && v6[9] == 0 && (v6[10] & 0xff) == 0x5e && (v6[11] & 0xff) == 0xfe;
        return isatap ? Optional.of(bits96to127(v6)) : Optional.empty();
    }

    private static byte[] bits96to127(byte[] v6) {
        return Arrays.copyOfRange(v6, 12, 16);
    }
}
