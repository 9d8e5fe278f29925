package io.authpipe.core.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The SSRF classifier over generated addresses. The blocks and the public address space below are written from
 * the IANA registries independently of {@link SpecialPurposeAddresses}, so a row missing there fails here.
 */
class AddressClassifierPropertiesTest {

    /** Not globally reachable IPv4 (IANA IPv4 Special-Purpose Address Registry, multicast, reserved). */
    private static final List<String> NON_GLOBAL_V4 = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10",
            "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24",
            "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4");
    /** Globally reachable rows inside the blocks above. */
    private static final List<String> GLOBAL_V4_HOLES = List.of("192.0.0.9/32", "192.0.0.10/32");

    /** Not globally reachable IPv6 that embeds no IPv4 we judge by (or that we refuse whatever it embeds). */
    private static final List<String> NON_GLOBAL_V6 = List.of("::/96", "::ffff:0:0:0/96", "64:ff9b:1::/48",
            "100::/64", "100:0:0:1::/64", "2001::/23", "2001:2::/48", "2001:10::/28", "2001:20::/28",
            "2001:30::/28", "2001:db8::/32", "3fff::/20", "5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10",
            "ff00::/8", "::/3", "4000::/2", "8000::/1");
    /** Rows inside those that are globally reachable, or judged by the IPv4 they carry. */
    private static final List<String> V6_HOLES = List.of("::ffff:0:0/96", "64:ff9b::/96", "2001::/32",
            "2001:1::1/128", "2001:1::2/128", "2001:1::3/128", "2001:3::/32", "2001:4:112::/48");

    /** First octets of IPv4 space with no special-purpose block inside (RFC 1918, 6598, 3927, 5737, 2544...). */
    private static final List<Integer> CLEAN_FIRST_OCTETS = java.util.stream.IntStream.rangeClosed(1, 223)
            .filter(o -> !List.of(10, 100, 127, 169, 172, 192, 198, 203).contains(o)).boxed().toList();
    /** The first /12 of each regional registry's IPv6 allocation (IANA IPv6 Global Unicast Address Assignments). */
    private static final List<Integer> RIR_SLASH_12S = List.of(0x2400, 0x2600, 0x2800, 0x2a00, 0x2c00);

    private static final byte[] PUBLIC_V4 = {93, (byte) 184, (byte) 216, 34};
    private static final byte[] PUBLIC_PREFIX = Cidr.literal("2606:2800:220:1::");
    private static final byte[] NAT64_WELL_KNOWN = Cidr.literal("64:ff9b::");
    private static final byte[] NAT64_LOCAL_USE = Cidr.literal("64:ff9b:1::");

    @Property(tries = 3000)
    void everyAddressInANonGlobalBlockIsRefused(@ForAll("nonGlobal") byte[] address) {
        // When
        AddressClass verdict = AddressClassifier.classify(address);

        // Then
        Statistics.label("refused as").collect(verdict.name());
        assertThat(verdict.reachable()).as(verdict.toString()).isFalse();
    }

    @Property(tries = 3000)
    void everyIpv6FormOfANonGlobalIpv4IsRefused(@ForAll("nonGlobalV4") byte[] v4, @ForAll("forms") Form form,
                                               @ForAll("sixteenBytes") byte[] noise) {
        // When
        AddressClass verdict = AddressClassifier.classify(form.embed(v4, noise));

        // Then
        Statistics.label("form").collect(form.name());
        Statistics.label("refused as").collect(verdict.name());
        assertThat(verdict.reachable()).as(form + " " + verdict).isFalse();
    }

    @Property(tries = 3000)
    void theIpv6FormsOfAPublicIpv4FollowItsVerdictWhereTheyAreAllowed(@ForAll("publicV4") byte[] v4,
            @ForAll("forms") Form form, @ForAll("sixteenBytes") byte[] noise) {
        // When
        AddressClass verdict = AddressClassifier.classify(form.embed(v4, noise));

        // Then
        Statistics.label("form, verdict").collect(form.name(), verdict.reachable() ? "allowed" : "refused");
        assertThat(verdict.reachable()).as(form + " " + verdict).isEqualTo(form.followsEmbeddedIpv4);
    }

    @Property(tries = 3000)
    void publicAddressesAreAllowed(@ForAll("publicAddresses") byte[] address) {
        // When
        AddressClass verdict = AddressClassifier.classify(address);

        // Then
        Statistics.label("allowed as").collect(verdict.name());
        assertThat(verdict.reachable()).as(verdict.toString()).isTrue();
    }

    @Provide
    Arbitrary<byte[]> nonGlobal() {
        return Arbitraries.oneOf(within(NON_GLOBAL_V4, GLOBAL_V4_HOLES, 4), within(NON_GLOBAL_V6, V6_HOLES, 16));
    }

    @Provide
    Arbitrary<byte[]> nonGlobalV4() {
        return within(NON_GLOBAL_V4, GLOBAL_V4_HOLES, 4);
    }

    @Provide
    Arbitrary<byte[]> publicV4() {
        return Combinators.combine(Arbitraries.of(CLEAN_FIRST_OCTETS), bytes(4)).as((first, rest) -> {
            rest[0] = first.byteValue();
            return rest;
        });
    }

    @Provide
    Arbitrary<byte[]> publicAddresses() {
        Arbitrary<byte[]> v6 = Combinators.combine(Arbitraries.of(RIR_SLASH_12S), Arbitraries.integers()
                .between(0, 15), bytes(16)).as((slash12, low, address) -> {
                    int first16 = slash12 | low;
                    address[0] = (byte) (first16 >> 8);
                    address[1] = (byte) first16;
                    return address;
                });
        return Arbitraries.oneOf(publicV4(), v6);
    }

    @Provide
    Arbitrary<Form> forms() {
        return Arbitraries.of(Form.class);
    }

    @Provide
    Arbitrary<byte[]> sixteenBytes() {
        return bytes(16);
    }

    /** Random addresses inside one of {@code blocks} (chosen evenly) and inside none of {@code holes}. */
    private static Arbitrary<byte[]> within(List<String> blocks, List<String> holes, int size) {
        List<Cidr> exceptions = holes.stream().map(Cidr::parse).toList();
        return Combinators.combine(Arbitraries.of(blocks.stream().map(Cidr::parse).toList()), bytes(size))
                .as(AddressClassifierPropertiesTest::inside)
                .filter(a -> exceptions.stream().noneMatch(h -> h.contains(a)));
    }

    /** {@code random} with its first bits replaced by {@code block}'s network. */
    private static byte[] inside(Cidr block, byte[] random) {
        byte[] network = block.network();
        byte[] address = random.clone();
        int whole = block.length() / 8;
        System.arraycopy(network, 0, address, 0, whole);
        int rest = block.length() % 8;
        if (rest != 0) {
            int mask = (0xff << (8 - rest)) & 0xff;
            address[whole] = (byte) ((network[whole] & mask) | (random[whole] & ~mask & 0xff));
        }
        return address;
    }

    private static Arbitrary<byte[]> bytes(int size) {
        return Arbitraries.bytes().array(byte[].class).ofSize(size);
    }

    /** An IPv6 form carrying an IPv4 address, and whether its verdict is that of the address it carries. */
    enum Form {
        MAPPED(true, (v4, noise) -> EmbeddingForms.mapped(v4)),
        COMPATIBLE(false, (v4, noise) -> EmbeddingForms.compatible(v4)),
        TRANSLATED(false, (v4, noise) -> EmbeddingForms.translated(v4)),
        NAT64_WELL_KNOWN_96(true, (v4, noise) -> EmbeddingForms.nat64(NAT64_WELL_KNOWN, 96, v4, (byte) 0)),
        NAT64_WELL_KNOWN_32(false, (v4, noise) -> EmbeddingForms.nat64(NAT64_WELL_KNOWN, 32, v4, noise[0])),
        NAT64_WELL_KNOWN_40(false, (v4, noise) -> EmbeddingForms.nat64(NAT64_WELL_KNOWN, 40, v4, noise[0])),
        NAT64_WELL_KNOWN_48(false, (v4, noise) -> EmbeddingForms.nat64(NAT64_WELL_KNOWN, 48, v4, noise[0])),
        NAT64_LOCAL_USE_48(false, (v4, noise) -> EmbeddingForms.nat64(NAT64_LOCAL_USE, 48, v4, noise[0])),
        NAT64_LOCAL_USE_56(false, (v4, noise) -> localUse(56, v4, noise)),
        NAT64_LOCAL_USE_64(false, (v4, noise) -> localUse(64, v4, noise)),
        NAT64_LOCAL_USE_96(false, (v4, noise) -> localUse(96, v4, noise)),
        SIX_TO_FOUR(true, (v4, noise) -> EmbeddingForms.sixToFour(v4, java.util.Arrays.copyOf(noise, 10))),
        TEREDO_SERVER(true, (v4, noise) -> EmbeddingForms.teredo(v4, PUBLIC_V4, (short) (noise[0] << 8 | noise[1]),
                (short) (noise[2] << 8 | noise[3]))),
        TEREDO_CLIENT(true, (v4, noise) -> EmbeddingForms.teredo(PUBLIC_V4, v4, (short) (noise[0] << 8 | noise[1]),
                (short) (noise[2] << 8 | noise[3]))),
        ISATAP_LOCAL(true, (v4, noise) -> EmbeddingForms.isatap(PUBLIC_PREFIX, v4, false)),
        ISATAP_UNIVERSAL(true, (v4, noise) -> EmbeddingForms.isatap(PUBLIC_PREFIX, v4, true));

        final boolean followsEmbeddedIpv4;
        private final BiFunction<byte[], byte[], byte[]> embed;

        Form(boolean followsEmbeddedIpv4, BiFunction<byte[], byte[], byte[]> embed) {
            this.followsEmbeddedIpv4 = followsEmbeddedIpv4;
            this.embed = embed;
        }

        byte[] embed(byte[] v4, byte[] noise) {
            return embed.apply(v4, noise);
        }

        /** A NAT64 prefix of {@code length} anywhere in 64:ff9b:1::/48 (RFC 8215): random bits 48 to length. */
        private static byte[] localUse(int length, byte[] v4, byte[] noise) {
            byte[] prefix = NAT64_LOCAL_USE.clone();
            System.arraycopy(noise, 6, prefix, 6, length / 8 - 6);
            prefix[8] = 0;
            return EmbeddingForms.nat64(prefix, length, v4, noise[15]);
        }
    }
}
