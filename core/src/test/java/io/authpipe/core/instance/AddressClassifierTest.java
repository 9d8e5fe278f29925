package io.authpipe.core.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Example verdicts, one or more for every form issue 10 named, and the table's own consistency. */
class AddressClassifierTest {

    private static AddressClass classify(String literal) {
        return AddressClassifier.classify(Cidr.literal(literal));
    }

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource(delimiter = '|', value = {
            // the SSRF gaps
            "::7f00:1                         | IPv4-compatible (deprecated)",
            "::a00:1                          | IPv4-compatible (deprecated)",
            "::808:808                        | IPv4-compatible (deprecated)",
            "64:ff9b:1::a00:1                 | IPv4-IPv6 Translation (local-use)",
            "64:ff9b:1:ffff:ff00:5db8:d822:0  | IPv4-IPv6 Translation (local-use)",
            "2002:c0a8:0101::                 | 6to4 embedding Private-Use",
            "2002:7f00:1::1                   | 6to4 embedding Loopback",
            "2002:a9fe:a9fe:1:2:3:4:5         | 6to4 embedding Link Local",
            "2001:0:4136:e378:8000:63bf:f5fe:fdfc | TEREDO embedding Private-Use",
            "2001:0:a00:1:8000:63bf:a247:27dd | TEREDO embedding Private-Use",
            "2001:0:4136:e378:8000:63bf:80ff:fffe | TEREDO embedding Loopback",
            // other embeddings
            "::ffff:10.0.0.1                  | IPv4-mapped Address embedding Private-Use",
            "::ffff:0:a9fe:a9fe               | IPv4-translated (obsolete SIIT)",
            "64:ff9b::a00:1                   | IPv4-IPv6 Translation (well-known prefix) embedding Private-Use",
            "64:ff9b::a9fe:a9fe               | IPv4-IPv6 Translation (well-known prefix) embedding Link Local",
            "64:ff9b::c000:ab                 | IPv4-IPv6 Translation (well-known prefix) embedding NAT64/DNS64 Discovery",
            "64:ff9b:0:a00:1::                | Not global unicast (reserved or unassigned)",
            "2606:2800:220:1:0:5efe:a00:1     | ISATAP interface id embedding Private-Use",
            "2606:2800:220:1:200:5efe:7f00:1  | ISATAP interface id embedding Loopback",
            "fe80::5efe:a00:1                 | Link-Local Unicast",
            // IPv6 special-purpose blocks
            "::                               | Unspecified Address",
            "::1                              | Loopback Address",
            "fec0::1                          | Site-Local (deprecated)",
            "fc00::1                          | Unique-Local",
            "fd00:ec2::254                    | Unique-Local",
            "fe80::1                          | Link-Local Unicast",
            "febf:ffff::1                     | Link-Local Unicast",
            "ff02::1                          | Multicast",
            "ff0e::1                          | Multicast",
            "2001:db8::1                      | Documentation",
            "3fff::1                          | Documentation",
            "3fff:fff:ffff::1                 | Documentation",
            "100::1                           | Discard-Only Address Block",
            "100:0:0:1::1                     | Dummy IPv6 Prefix",
            "2001:2::1                        | Benchmarking",
            "2001:10::1                       | Deprecated (previously ORCHID)",
            "2001:20::1                       | ORCHIDv2",
            "2001:30::1                       | Drone Remote ID Protocol Entity Tags (DETs)",
            "2001:100::1                      | IETF Protocol Assignments",
            "5f00::1                          | Segment Routing (SRv6) SIDs",
            "4000::1                          | Not global unicast (reserved or unassigned)",
            "fbff::1                          | Not global unicast (reserved or unassigned)",
            "1::1                             | Not global unicast (reserved or unassigned)",
            // IPv4 special-purpose blocks
            "0.0.0.0                          | This host on this network",
            "0.1.2.3                          | This network",
            "10.255.255.255                   | Private-Use",
            "100.64.0.1                       | Shared Address Space",
            "127.53.0.1                       | Loopback",
            "169.254.169.254                  | Link Local",
            "172.31.255.255                   | Private-Use",
            "192.0.0.1                        | IPv4 Service Continuity Prefix",
            "192.0.0.8                        | IPv4 dummy address",
            "192.0.0.11                       | IETF Protocol Assignments",
            "192.0.0.170                      | NAT64/DNS64 Discovery",
            "192.0.2.1                        | Documentation (TEST-NET-1)",
            "192.88.99.1                      | Deprecated (6to4 Relay Anycast)",
            "192.88.99.2                      | 6a44-relay anycast address",
            "192.168.0.1                      | Private-Use",
            "198.19.255.255                   | Benchmarking",
            "198.51.100.7                     | Documentation (TEST-NET-2)",
            "203.0.113.9                      | Documentation (TEST-NET-3)",
            "224.0.0.251                      | Multicast",
            "239.255.255.250                  | Multicast",
            "240.0.0.1                        | Reserved",
            "255.255.255.255                  | Limited Broadcast",
    })
    void specialPurposeAddressesAreRefused(String literal, String name) {
        // When
        AddressClass verdict = classify(literal.strip());

        // Then
        assertThat(verdict.reachable()).isFalse();
        assertThat(verdict.name()).isEqualTo(name.strip());
        assertThat(verdict.rfc()).startsWith("RFC ");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "8.8.8.8", "1.1.1.1", "9.9.9.9", "93.184.216.34", "151.101.1.140", "172.15.255.255", "172.32.0.1",
            "100.63.255.255", "100.128.0.1", "169.255.0.1", "192.0.1.1", "192.88.98.255", "198.17.255.255",
            "198.20.0.1", "223.255.255.255", "192.0.0.9", "192.0.0.10", "192.31.196.1", "192.52.193.1",
            "192.175.48.1",
            "2606:4700:4700::1111", "2001:4860:4860::8888", "2620:fe::fe", "2a03:2880:f12f:83:face:b00c:0:25de",
            "2001:1::1", "2001:1::2", "2001:1::3", "2001:3::1", "2001:4:112::1", "2620:4f:8000::1",
            "2001:200::1", "2001:db7:ffff::1", "2001:db9::1", "3fff:1000::1",
            // embeddings of public IPv4 addresses
            "::ffff:8.8.8.8", "64:ff9b::808:808", "64:ff9b::5db8:d822", "2002:5db8:d822::1",
            "2001:0:4136:e378:8000:63bf:a247:27dd", "2606:2800:220:1:200:5efe:5db8:d822"})
    void globallyReachableAddressesAreAllowed(String literal) {
        assertThat(classify(literal)).extracting(AddressClass::reachable).isEqualTo(true);
    }

    @Test
    void anIpv4MappedAddressHeldAsAnInet6AddressIsJudgedByItsIpv4() throws Exception {
        // Given: a resolver may hand back ::ffff:a.b.c.d as a genuine 16-byte Inet6Address
        byte[] privateMapped = EmbeddingForms.mapped(new byte[] {10, 0, 0, 1});
        byte[] publicMapped = EmbeddingForms.mapped(new byte[] {93, (byte) 184, (byte) 216, 34});

        // When / Then
        assertThat(AddressClassifier.isForbidden(Inet6Address.getByAddress(null, privateMapped, -1))).isTrue();
        assertThat(AddressClassifier.isForbidden(Inet6Address.getByAddress(null, publicMapped, -1))).isFalse();
    }

    @Test
    void teredoIsJudgedByItsServerAndItsDeobfuscatedClient() {
        // Given: RFC 4380 §4 — server in bits 32-63, client XOR 0xffffffff in bits 96-127
        byte[] publicServer = {65, 54, (byte) 227, 120};
        byte[] privateClient = {10, 1, 2, 3};
        byte[] publicClient = {93, (byte) 184, (byte) 216, 34};

        // When
        AddressClass hidingPrivate = AddressClassifier.classify(
                EmbeddingForms.teredo(publicServer, privateClient, (short) 0x8000, (short) 0x63bf));
        AddressClass allPublic = AddressClassifier.classify(
                EmbeddingForms.teredo(publicServer, publicClient, (short) 0x8000, (short) 0x63bf));

        // Then
        assertThat(hidingPrivate.reachable()).isFalse();
        assertThat(hidingPrivate.block()).isEqualTo("10.0.0.0/8");
        assertThat(allPublic.reachable()).isTrue();
    }

    @Test
    void everyRowParsesAndHoldsItsOwnNetworkAddress() {
        for (List<SpecialPurposeAddresses.Block> family : List.of(SpecialPurposeAddresses.IPV4,
                SpecialPurposeAddresses.IPV6)) {
            assertThat(family).extracting(SpecialPurposeAddresses.Block::cidr).doesNotHaveDuplicates();
            assertThat(family).allSatisfy(block -> {
                assertThat(block.cidr().contains(block.cidr().network())).isTrue();
                assertThat(block.rfc()).matches("RFC \\d+.*");
                assertThat(SpecialPurposeAddresses.mostSpecific(block.cidr().network()).cidr().length())
                        .isGreaterThanOrEqualTo(block.cidr().length());
            });
        }
    }

    @Test
    void onlyTheRegistrysGloballyReachableRowsAreReachable() {
        // Given: the rows the IANA registries mark "Globally Reachable: True" (ORCHIDv2 and DETs refused anyway),
        // the embedding rows (judged by their IPv4), and the unicast catch-alls
        List<String> reachable = List.of("0.0.0.0/0", "192.0.0.9/32", "192.0.0.10/32", "192.31.196.0/24",
                "192.52.193.0/24", "192.175.48.0/24", "2000::/3", "::ffff:0:0/96", "64:ff9b::/96", "2001::/32",
                "2001:1::1/128", "2001:1::2/128", "2001:1::3/128", "2001:3::/32", "2001:4:112::/48", "2002::/16",
                "2620:4f:8000::/48");

        // When / Then
        assertThat(SpecialPurposeAddresses.IPV4.stream().filter(SpecialPurposeAddresses.Block::reachable))
                .extracting(b -> b.cidr().toString()).containsExactlyInAnyOrderElementsOf(
                        reachable.stream().filter(c -> !c.contains(":")).toList());
        assertThat(SpecialPurposeAddresses.IPV6.stream().filter(SpecialPurposeAddresses.Block::reachable))
                .extracting(b -> b.cidr().toString()).containsExactlyInAnyOrderElementsOf(
                        reachable.stream().filter(c -> c.contains(":")).toList());
    }
}
