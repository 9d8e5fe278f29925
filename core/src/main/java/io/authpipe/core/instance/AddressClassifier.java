package io.authpipe.core.instance;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;

/** Classifies IP addresses a server-side request must never reach unless an operator allow-lists the host. */
final class AddressClassifier {
    private AddressClassifier() {
    }

    static boolean isForbidden(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        if (address instanceof Inet4Address v4) {
            return isForbiddenV4(v4.getAddress());
        }
        return isForbiddenV6(address.getAddress());
    }

    private static boolean isForbiddenV4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0                                   // 0.0.0.0/8 "this network"
                || first == 100 && (second & 0xc0) == 64    // 100.64.0.0/10 carrier-grade NAT (and cloud metadata)
                || first == 192 && second == 0 && (b[2] & 0xff) == 0   // 192.0.0.0/24 IETF protocol assignments
                || first == 198 && (second & 0xfe) == 18    // 198.18.0.0/15 benchmarking
                || first >= 240;                            // 240.0.0.0/4 reserved, and broadcast
    }

    private static boolean isForbiddenV6(byte[] b) {
        if ((b[0] & 0xfe) == 0xfc) {
            return true; // fc00::/7 unique local (includes AWS fd00:ec2::254)
        }
        if (isMappedV4(b) || isNat64(b)) {
            return isForbidden(v4(Arrays.copyOfRange(b, 12, 16)));
        }
        return false;
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static boolean isNat64(byte[] b) {
        return (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
    }

    private static InetAddress v4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

}
