package io.authpipe.core.instance;

import java.net.InetAddress;

/**
 * Classifies IP addresses a server-side request must never reach unless an operator allow-lists the host: every
 * address that is not globally reachable per {@link SpecialPurposeAddresses}, and every IPv6 address that carries
 * such an IPv4 address (IPv4-mapped, well-known NAT64, 6to4, Teredo server or client, an ISATAP interface id).
 */
final class AddressClassifier {
    private AddressClassifier() {
    }

    static boolean isForbidden(InetAddress address) {
        return !classify(address).reachable();
    }

    static AddressClass classify(InetAddress address) {
        return classify(address.getAddress());
    }

    /** The verdict on a 4-byte IPv4 or 16-byte IPv6 address. */
    static AddressClass classify(byte[] address) {
        SpecialPurposeAddresses.Block block = SpecialPurposeAddresses.mostSpecific(address);
        AddressClass verdict = throughEmbedded(block, address);
        return verdict.reachable() && address.length == 16 ? throughIsatap(address, verdict) : verdict;
    }

    /** The block's own verdict, or that of the first embedded IPv4 address that is not reachable. */
    private static AddressClass throughEmbedded(SpecialPurposeAddresses.Block block, byte[] address) {
        for (byte[] ipv4 : block.embedding().ipv4s(address)) {
            AddressClass embedded = classify(ipv4);
            if (!embedded.reachable()) {
                return embedded.embeddedIn(block.name());
            }
        }
        return AddressClass.of(block);
    }

    private static AddressClass throughIsatap(byte[] address, AddressClass verdict) {
        return Ipv4Embedding.isatap(address).map(AddressClassifier::classify).filter(c -> !c.reachable())
                .map(c -> c.embeddedIn("ISATAP interface id")).orElse(verdict);
    }
}
