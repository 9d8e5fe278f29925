package io.authpipe.core.instance;

import static io.authpipe.core.instance.LiteralResolver.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The connect-time half of the SSRF guard: DNS answers are filtered again, so rebinding gains nothing. */
class GuardedDnsTest {

    private final LiteralResolver resolver = new LiteralResolver()
            .with("mixed.example", "93.184.216.34", "10.0.0.1", "2606:2800:220:1:248:1893:25c8:1946", "fd00:ec2::254")
            .with("rebound.example", "169.254.169.254")
            .with("mapped.example", "::ffff:192.168.0.10", "64:ff9b::a00:1")
            .with("sandbox.local", "127.0.0.1")
            .with("mastodon.internal", "10.1.2.3");

    private final GuardedDns dns = new GuardedDns(
            new InstancePolicy(List.of("sandbox.local:3000", "Mastodon.Internal"), resolver));

    @Test
    void forbiddenAddressesAreDroppedAndPublicOnesKept() throws UnknownHostException {
        // When
        List<InetAddress> addresses = dns.lookup("mixed.example");

        // Then
        assertThat(addresses).containsExactly(address("93.184.216.34"),
                address("2606:2800:220:1:248:1893:25c8:1946"));
    }

    @Test
    void aHostWithOnlyForbiddenAddressesDoesNotResolve() {
        assertThatThrownBy(() -> dns.lookup("rebound.example")).isInstanceOf(UnknownHostException.class)
                .hasMessage("address not allowed for rebound.example");
        assertThatThrownBy(() -> dns.lookup("mapped.example")).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void anUnknownHostStaysUnknown() {
        assertThatThrownBy(() -> dns.lookup("nowhere.invalid")).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void hostsAllowListedWithAPortResolveUnfiltered() throws UnknownHostException {
        assertThat(dns.lookup("sandbox.local")).containsExactly(address("127.0.0.1"));
        assertThat(dns.lookup("SANDBOX.LOCAL")).containsExactly(address("127.0.0.1"));
    }

    @Test
    void hostsAllowListedWithoutAPortResolveUnfiltered() throws UnknownHostException {
        assertThat(dns.lookup("mastodon.internal")).containsExactly(address("10.1.2.3"));
    }

    @Test
    void anAllowListedHostDoesNotCoverAHostItIsAPrefixOf() {
        // Given
        GuardedDns guarded = new GuardedDns(new InstancePolicy(List.of("sandbox.local:3000"),
                new LiteralResolver().with("sandbox.local.evil.example", "127.0.0.1").with("sandbox", "127.0.0.1")));

        // When / Then
        assertThatThrownBy(() -> guarded.lookup("sandbox.local.evil.example")).isInstanceOf(UnknownHostException.class);
        assertThatThrownBy(() -> guarded.lookup("sandbox")).isInstanceOf(UnknownHostException.class);
    }
}
