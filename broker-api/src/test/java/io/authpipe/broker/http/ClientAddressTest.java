package io.authpipe.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void anIpv6ClientIsChargedByItsSlash64() {
        assertThat(ClientAddress.bucket("2001:db8:1:2:aaaa::1")).isEqualTo(ClientAddress.bucket("2001:db8:1:2::ffff"))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.bucket("2001:db8:1:3::1")).isNotEqualTo(ClientAddress.bucket("2001:db8:1:2::1"));
    }

    @Test
    void ipv4ClientsAreChargedByAddress() {
        assertThat(ClientAddress.bucket("198.51.100.7")).isEqualTo("198.51.100.7");
    }

    @Test
    void spellingsOfOneAddressAreOneAddressAndNamesAreNeverResolved() {
        assertThat(ClientAddress.canonical("[2001:DB8:0:0:0:0:0:1]")).isEqualTo(ClientAddress.canonical("2001:db8::1"));
        assertThat(ClientAddress.canonical("::ffff:198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(ClientAddress.canonical("localhost")).isEqualTo("localhost");
        assertThat(ClientAddress.canonical("999.1.1.1")).isEqualTo("999.1.1.1");
        assertThat(ClientAddress.canonical("cafe:babe")).isEqualTo("cafe:babe");
    }
}
