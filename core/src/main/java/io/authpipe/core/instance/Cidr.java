package io.authpipe.core.instance;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An address block such as {@code 10.0.0.0/8} or {@code 64:ff9b:1::/48}: the first {@code length} bits of
 * {@code network}. IPv4 blocks hold 4 bytes, IPv6 blocks 16; a block only contains addresses of its own family.
 */
final class Cidr {
    private final String text;
    private final byte[] network;
    private final int length;

    private Cidr(String text, byte[] network, int length) {
        if (length < 0 || length > network.length * 8) {
            throw new IllegalArgumentException("prefix length " + length + " out of range");
        }
        this.text = text;
        this.network = network;
        this.length = length;
    }

    /** Parses {@code literal/length}; the literal must be an IP literal (this class never asks DNS). */
    static Cidr parse(String block) {
        int slash = block.indexOf('/');
        return new Cidr(block, literal(block.substring(0, slash)), Integer.parseInt(block.substring(slash + 1)));
    }

    /** The bytes of an IP literal; IPv6 text stays 16 bytes even when Java would read it as IPv4-mapped. */
    static byte[] literal(String text) {
        if (!text.matches("[0-9a-fA-F:.]+") || !text.contains(":") && !text.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
            throw new IllegalArgumentException("not an IP literal: " + text);
        }
        try {
            InetAddress address = InetAddress.getByName(text);
            byte[] bytes = address.getAddress();
            return text.contains(":") && address instanceof Inet4Address ? mapped(bytes) : bytes;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + text, e);
        }
    }

    private static byte[] mapped(byte[] v4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int whole = length / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = length % 8;
        int mask = (0xff << (8 - rest)) & 0xff;
        return rest == 0 || (address[whole] & mask) == (network[whole] & mask);
    }

    int length() {
        return length;
    }

    /** A copy of the network bytes (the block's first address). */
    byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr c && c.length == length && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + length;
    }

    @Override
    public String toString() {
        return text;
    }
}
