package io.authpipe.core.instance;

import static io.authpipe.core.instance.LiteralResolver.ipv6;
import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.core.instance.InstancePolicy.Verdict;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard: only https instances whose every address is public, unless an operator allow-lists them. */
class InstancePolicyTest {

    private static final String PUBLIC_V4 = "93.184.216.34";
    private static final String PUBLIC_V6 = "2606:2800:220:1:248:1893:25c8:1946";

    private static InstancePolicy policy(LiteralResolver resolver, String... allowList) {
        return new InstancePolicy(List.of(allowList), resolver);
    }

    private static Verdict check(InstancePolicy policy, String instance) {
        return policy.check(InstanceAddress.parse(instance));
    }

    @Test
    void aPublicHttpsInstanceIsAllowed() {
        // Given
        InstancePolicy policy = policy(new LiteralResolver().with("mastodon.social", PUBLIC_V4, PUBLIC_V6));

        // When / Then
        assertThat(check(policy, "mastodon.social")).isEqualTo(new Verdict.Allowed());
    }

    @Test
    void plainHttpIsRefusedEvenForAPublicAddress() {
        // Given
        InstancePolicy policy = policy(new LiteralResolver().with("mastodon.social", PUBLIC_V4));

        // When / Then
        assertThat(check(policy, "http://mastodon.social")).isEqualTo(new Verdict.Refused("instance must use https"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "10.0.0.1", "10.255.255.255", "172.16.0.1",
            "172.31.255.255", "192.168.1.1", "fc00::1", "fd00:ec2::254", "169.254.169.254", "169.254.0.1", "fe80::1",
            "100.64.0.1", "100.127.255.255", "0.0.0.0", "0.1.2.3", "::", "224.0.0.1", "239.255.255.250", "ff02::1",
            "::ffff:10.0.0.1", "::ffff:127.0.0.1", "64:ff9b::a00:1", "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe",
            "198.18.0.1", "192.0.0.170", "240.0.0.1", "255.255.255.255", "::7f00:1", "64:ff9b:1::a00:1",
            "2002:c0a8:101::", "2001:0:4136:e378:8000:63bf:f5fe:fdfc", "fec0::1", "2001:db8::1", "fbff::1"})
    void anInstanceIsRefusedWhenAnyAddressIsNotPublic(String literal) {
        // Given
        InstancePolicy policy = policy(new LiteralResolver().with("evil.example", PUBLIC_V4, PUBLIC_V6, literal));

        // When
        Verdict verdict = check(policy, "evil.example");

        // Then
        assertThat(verdict).isInstanceOf(Verdict.Refused.class);
        assertThat(((Verdict.Refused) verdict).reason()).contains("private, loopback, link-local or other special-purpose");
    }

    @Test
    void anIpv4MappedIpv6AddressIsJudgedByItsIpv4Part() {
        // Given: a resolver that hands back ::ffff:10.0.0.1 as a genuine Inet6Address
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 1};
        byte[] mappedPublic = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 93, (byte) 184, (byte) 216, 34};
        InstancePolicy policy = policy(new LiteralResolver()
                .with("mapped.example", ipv6(mapped))
                .with("mapped-public.example", ipv6(mappedPublic)));

        // When / Then
        assertThat(check(policy, "mapped.example")).isInstanceOf(Verdict.Refused.class);
        assertThat(check(policy, "mapped-public.example")).isEqualTo(new Verdict.Allowed());
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "172.32.0.1", "172.15.255.255", "100.63.255.255", "100.128.0.1",
            "192.169.0.1", "169.255.0.1", "2606:4700:4700::1111", "64:ff9b::808:808", "2002:808:808::1"})
    void addressesJustOutsideTheForbiddenRangesAreAllowed(String literal) {
        // Given
        InstancePolicy policy = policy(new LiteralResolver().with("edge.example", literal));

        // When / Then
        assertThat(check(policy, "edge.example")).isEqualTo(new Verdict.Allowed());
    }

    @Test
    void anUnresolvableHostIsReportedAsSuch() {
        assertThat(check(policy(new LiteralResolver()), "nowhere.invalid")).isEqualTo(new Verdict.Unresolvable());
    }

    @Test
    void anAllowListedHostAndPortLiftsBothRules() {
        // Given
        InstancePolicy policy = policy(new LiteralResolver().with("127.0.0.1", "127.0.0.1"), " 127.0.0.1:3000 ");

        // When / Then
        assertThat(check(policy, "http://127.0.0.1:3000")).isEqualTo(new Verdict.Allowed());
        assertThat(check(policy, "https://127.0.0.1:3000")).isEqualTo(new Verdict.Allowed());
        assertThat(check(policy, "http://127.0.0.1:3001")).isEqualTo(new Verdict.Refused("instance must use https"));
        assertThat(check(policy, "https://127.0.0.1:3001")).isInstanceOf(Verdict.Refused.class);
    }

    @Test
    void anAllowListEntryWithAPortOpensThatPortOnly() {
        // Given: the sandbox allow-listed; Kafka listens on the same host
        InstancePolicy policy = policy(new LiteralResolver().with("127.0.0.1", "127.0.0.1"), "127.0.0.1:8090");

        // When / Then
        assertThat(check(policy, "http://127.0.0.1:8090")).isEqualTo(new Verdict.Allowed());
        assertThat(check(policy, "http://127.0.0.1:9092")).isEqualTo(new Verdict.Refused("instance must use https"));
        assertThat(check(policy, "https://127.0.0.1:9092")).isInstanceOf(Verdict.Refused.class);
        assertThat(check(policy, "https://127.0.0.1")).isInstanceOf(Verdict.Refused.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mastodon.internal:443", "https://mastodon.internal", "https://Mastodon.Internal:443/"})
    void anEntryNamingTheDefaultPortOpensThatPortOnly(String entry) {
        // Given
        InstancePolicy policy = policy(new LiteralResolver().with("mastodon.internal", "10.1.2.3"), entry);

        // When / Then
        assertThat(check(policy, "https://mastodon.internal")).isEqualTo(new Verdict.Allowed());
        assertThat(check(policy, "https://mastodon.internal:443")).isEqualTo(new Verdict.Allowed());
        assertThat(check(policy, "https://mastodon.internal:8443")).isInstanceOf(Verdict.Refused.class);
        assertThat(check(policy, "http://mastodon.internal")).isInstanceOf(Verdict.Refused.class);
    }

    @Test
    void anHttpEntryWithoutAPortOpensPort80() {
        // Given
        InstancePolicy policy = policy(new LiteralResolver().with("dev.internal", "10.1.2.3"), "http://dev.internal");

        // When / Then
        assertThat(check(policy, "http://dev.internal")).isEqualTo(new Verdict.Allowed());
        assertThat(check(policy, "http://dev.internal:8080")).isInstanceOf(Verdict.Refused.class);
        assertThat(check(policy, "https://dev.internal")).isInstanceOf(Verdict.Refused.class);
    }

    @Test
    void ipv6LiteralEntriesMatchHoweverTheLiteralIsWritten() {
        // Given
        InstancePolicy policy = policy(new LiteralResolver(), "[0:0::1]:8090");

        // When / Then
        assertThat(policy.isAllowListed(InstanceAddress.parse("http://[::1]:8090"))).isTrue();
        assertThat(policy.isAllowListed(InstanceAddress.parse("http://[0:0:0:0:0:0:0:1]:8090"))).isTrue();
        assertThat(policy.isAllowListed(InstanceAddress.parse("http://[::1]:9092"))).isFalse();
    }

    @Test
    void anAllowListedHostCoversEveryPort() {
        // Given
        InstancePolicy policy = policy(new LiteralResolver().with("mastodon.internal", "10.1.2.3"),
                "Mastodon.Internal");

        // When / Then
        assertThat(check(policy, "http://mastodon.internal:8080")).isEqualTo(new Verdict.Allowed());
        assertThat(check(policy, "https://mastodon.internal")).isEqualTo(new Verdict.Allowed());
        assertThat(check(policy, "https://other.internal")).isEqualTo(new Verdict.Unresolvable());
    }

    @Test
    void theAllowListNeverResolvesTheHost() {
        // Given: no resolver entry at all
        InstancePolicy policy = policy(new LiteralResolver(), "sandbox.local:3000");

        // When / Then
        assertThat(check(policy, "http://sandbox.local:3000")).isEqualTo(new Verdict.Allowed());
        assertThat(policy.isAllowListed(InstanceAddress.parse("http://sandbox.local:3000"))).isTrue();
        assertThat(policy.isAllowListed(InstanceAddress.parse("http://sandbox.local:3001"))).isFalse();
    }

    @Test
    void theStrictPolicyAllowListsNothing() {
        assertThat(InstancePolicy.strict().isAllowListed(InstanceAddress.parse("http://127.0.0.1:3000"))).isFalse();
        assertThat(InstancePolicy.strict().check(InstanceAddress.parse("http://127.0.0.1:3000")))
                .isEqualTo(new Verdict.Refused("instance must use https"));
    }

    @Test
    void aLoopbackLiteralIsRefusedOverHttps() {
        // Given: the literal needs no DNS
        InstancePolicy policy = new InstancePolicy(List.of(), host -> List.of(InetAddress.getByName(host)));

        // When / Then
        assertThat(check(policy, "https://127.0.0.1")).isInstanceOf(Verdict.Refused.class);
        assertThat(check(policy, "https://[::1]:8443")).isInstanceOf(Verdict.Refused.class);
    }
}
