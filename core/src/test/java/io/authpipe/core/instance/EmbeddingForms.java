package io.authpipe.core.instance;

import java.util.Arrays;

/**
 * Builds the IPv6 forms that carry an IPv4 address, written from the RFCs independently of the classifier: what
 * an attacker would put in a DNS answer or a URL to reach a private IPv4 address through IPv6.
 */
final class EmbeddingForms {
    /** The RFC 6052 §2.2 prefix lengths. */
    static final int[] NAT64_LAYOUTS = {32, 40, 48, 56, 64, 96};

    private EmbeddingForms() {
    }

    /** {@code ::ffff:a.b.c.d} (RFC 4291 §2.5.5.2). */
    static byte[] mapped(byte[] v4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        return withTail(v6, v4);
    }

    /** {@code ::a.b.c.d}, deprecated (RFC 4291 §2.5.5.1). */
    static byte[] compatible(byte[] v4) {
        return withTail(new byte[16], v4);
    }

    /** {@code ::ffff:0:a.b.c.d}, the obsolete SIIT form (RFC 2765 §2.1). */
    static byte[] translated(byte[] v4) {
        byte[] v6 = new byte[16];
        v6[8] = (byte) 0xff;
        v6[9] = (byte) 0xff;
        return withTail(v6, v4);
    }

    /**
     * {@code v4} in an RFC 6052 §2.2 layout after the first {@code prefixLength} bits of {@code prefix}: bits 64-71
     * (the "u" octet) stay zero, the suffix is {@code suffix}.
     */
    static byte[] nat64(byte[] prefix, int prefixLength, byte[] v4, byte suffix) {
        byte[] v6 = Arrays.copyOf(prefix, 16);
        Arrays.fill(v6, prefixLength / 8, 16, suffix);
        int at = prefixLength / 8;
        for (byte b : v4) {
            if (at == 8) {
                v6[at++] = 0;
            }
            v6[at++] = b;
        }
        v6[8] = 0;
        return v6;
    }

    /** {@code 2002:AABB:CCDD:subnet:iid} (RFC 3056 §2). */
    static byte[] sixToFour(byte[] v4, byte[] subnetAndIid) {
        byte[] v6 = new byte[16];
        v6[0] = 0x20;
        v6[1] = 0x02;
        System.arraycopy(v4, 0, v6, 2, 4);
        System.arraycopy(subnetAndIid, 0, v6, 6, 10);
        return v6;
    }

    /** {@code 2001:0:server:flags:~port:~client} (RFC 4380 §4). */
    static byte[] teredo(byte[] server, byte[] client, short flags, short port) {
        byte[] v6 = new byte[16];
        v6[0] = 0x20;
        v6[1] = 0x01;
        System.arraycopy(server, 0, v6, 4, 4);
        v6[8] = (byte) (flags >> 8);
        v6[9] = (byte) flags;
        v6[10] = (byte) ~(port >> 8);
        v6[11] = (byte) ~port;
        for (int i = 0; i < 4; i++) {
            v6[12 + i] = (byte) ~client[i];
        }
        return v6;
    }

    /** A /64 {@code prefix} with an ISATAP interface id for {@code v4}, u/l bit {@code universal} (RFC 5214 §6.1). */
    static byte[] isatap(byte[] prefix, byte[] v4, boolean universal) {
        byte[] v6 = Arrays.copyOf(prefix, 16);
        v6[8] = (byte) (universal ? 0x02 : 0x00);
        v6[9] = 0;
        v6[10] = 0x5e;
        v6[11] = (byte) 0xfe;
        return withTail(v6, v4);
    }

    private static byte[] withTail(byte[] v6, byte[] v4) {
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }
}
