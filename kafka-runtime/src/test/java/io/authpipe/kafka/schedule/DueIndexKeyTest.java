package io.authpipe.kafka.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.utils.Bytes;

/** The index key's byte layout (golden vectors) and that its unsigned byte order is due-time order. */
class DueIndexKeyTest {
    private static final HexFormat HEX = HexFormat.of();

    record Entry(Instant dueAt, String connectionKey) {
        static final Comparator<Entry> DUE_ORDER = Comparator.comparing(Entry::dueAt).thenComparing(
                (a, b) -> Arrays.compareUnsigned(utf8(a.connectionKey), utf8(b.connectionKey)));

        Bytes key() {
            return DueIndexKey.of(connectionKey, dueAt);
        }
    }

    @Example
    void theKeyIsTheSignFlippedBigEndianMillisThenTheUtf8ConnectionKey() {
        assertThat(hex(DueIndexKey.of("acme:mastodon:u1", Instant.ofEpochMilli(1))))
                .isEqualTo("8000000000000001" + HEX.formatHex(utf8("acme:mastodon:u1")));
        assertThat(hex(DueIndexKey.of("a:m:é", Instant.parse("2026-11-26T12:00:00Z"))))
                .isEqualTo("800001a217ba1200" + "613a6d3ac3a9");
        assertThat(hex(DueIndexKey.of("k", Instant.ofEpochMilli(-1)))).isEqualTo("7fffffffffffffff" + "6b");
    }

    @Example
    void theScanBoundsAreTheLowestPrefixAndNowsPrefixFollowedByFF() {
        assertThat(hex(DueIndexKey.LOWEST)).isEqualTo("0000000000000000");
        assertThat(hex(DueIndexKey.dueBy(Instant.ofEpochMilli(1)))).isEqualTo("8000000000000001ff");
    }

    @Property
    void byteOrderIsDueTimeThenConnectionKeyOrder(@ForAll("entries") Entry a, @ForAll("entries") Entry b) {
        assertThat(Integer.signum(a.key().compareTo(b.key()))).isEqualTo(Integer.signum(Entry.DUE_ORDER.compare(a, b)));
    }

    @Property
    void anEntryIsWithinTheScanExactlyWhenItIsDue(@ForAll("entries") Entry entry, @ForAll("instants") Instant now) {
        boolean inScan = entry.key().compareTo(DueIndexKey.LOWEST) >= 0
                && entry.key().compareTo(DueIndexKey.dueBy(now)) <= 0;

        assertThat(inScan).isEqualTo(!entry.dueAt().isAfter(now));
    }

    @Provide
    Arbitrary<Entry> entries() {
        Arbitrary<String> keys = Arbitraries.strings().withCharRange('\u0000', '\uD7FF')
                .withCharRange('\uE000', '\uFFFD').ofMaxLength(12);
        return Combinators.combine(instants(), keys).as(Entry::new);
    }

    /** Millisecond instants around 1970 and 2026, and the extremes a long of millis can hold. */
    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-3, 3), Arbitraries.longs()
                        .between(1_795_694_399_998L, 1_795_694_400_002L), Arbitraries.longs())
                .map(Instant::ofEpochMilli);
    }

    private static String hex(Bytes key) {
        return HEX.formatHex(key.get());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
