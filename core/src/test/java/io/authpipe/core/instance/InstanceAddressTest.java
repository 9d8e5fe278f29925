package io.authpipe.core.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a user types becomes one normal form: scheme, lowercase punycode host, non-default port (MASTODON.md §9). */
class InstanceAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"mastodon.social", "Mastodon.Social", "https://mastodon.social/", "mastodon.social:443",
            "HTTPS://MASTODON.SOCIAL", "https://mastodon.social:443/", "  mastodon.social  ", "mastodon.social.",
            "https://Mastodon.Social./"})
    void spellingsOfOneServerAreTheSameInstance(String typed) {
        // When
        InstanceAddress address = InstanceAddress.parse(typed);

        // Then
        assertThat(address).isEqualTo(new InstanceAddress("https", "mastodon.social", -1));
        assertThat(address.origin()).isEqualTo("https://mastodon.social");
        assertThat(address.authority()).isEqualTo("mastodon.social");
        assertThat(address).hasToString("https://mastodon.social");
    }

    @ParameterizedTest
    @CsvSource({
            "bücher.social,                https://xn--bcher-kva.social",
            "https://Bücher.Social/,       https://xn--bcher-kva.social",
            "bücher.social.,               https://xn--bcher-kva.social",
            "bücher.social:8443,           https://xn--bcher-kva.social:8443",
            "xn--bcher-kva.social,         https://xn--bcher-kva.social",
            "mastodon.example:8443,        https://mastodon.example:8443",
            "https://mastodon.example:80,  https://mastodon.example:80",
            "http://mastodon.example,      http://mastodon.example",
            "http://mastodon.example:80/,  http://mastodon.example",
            "http://127.0.0.1:3000,        http://127.0.0.1:3000",
    })
    void hostsArePunycodedAndOnlyNonDefaultPortsAreKept(String typed, String origin) {
        assertThat(InstanceAddress.parse(typed).origin()).isEqualTo(origin);
    }

    @Test
    void plainHttpIsKeptForThePolicyToDecide() {
        // When
        InstanceAddress address = InstanceAddress.parse("http://dev.example:3000");

        // Then
        assertThat(address.isHttps()).isFalse();
        assertThat(address.scheme()).isEqualTo("http");
        assertThat(address.port()).isEqualTo(3000);
        assertThat(address.authority()).isEqualTo("dev.example:3000");
    }

    @Test
    void urlsAreBuiltOnTheOrigin() {
        assertThat(InstanceAddress.parse("Mastodon.Social:8443").url("/api/v1/apps"))
                .isEqualTo("https://mastodon.social:8443/api/v1/apps");
    }

    @ParameterizedTest
    @ValueSource(strings = {"@alice@example.com", "alice@example.com", "@alice@bücher.social", "x.y/@alice"})
    void handlesAreRefused(String typed) {
        assertRefused(typed, "not a handle");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://x.y/@alice", "x.y/api/v1", "https://x.y/api/v1", "https://x.y//"})
    void pathsAreRefused(String typed) {
        assertRefused(typed, "without a path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://x.y/?lang=en", "https://x.y?a=b", "x.y?a", "https://x.y/#top",
            "https://x.y#f", "https://alice@x.y", "https://alice:pw@x.y/"})
    void queriesFragmentsAndCredentialsAreRefused(String typed) {
        assertRefused(typed, "bare origin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://x.y", "ws://x.y", "file:///etc/passwd", "javascript://x.y"})
    void otherSchemesAreRefused(String typed) {
        assertThatThrownBy(() -> InstanceAddress.parse(typed)).isInstanceOf(InvalidInstanceException.class)
                .hasMessageMatching("instance (must use https|is not a valid server name|has no host)");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void aMissingInstanceIsRefused(String typed) {
        assertRefused(typed, "instance is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a server", "https://", "http://:443", "x.y:port", "x.y:99999", "<script>",
            "https://exa mple.com", "%%%"})
    void garbageIsRefused(String typed) {
        assertThatThrownBy(() -> InstanceAddress.parse(typed)).isInstanceOf(InvalidInstanceException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("instance ");
    }

    private static void assertRefused(String typed, String reason) {
        assertThatThrownBy(() -> InstanceAddress.parse(typed)).isInstanceOf(InvalidInstanceException.class)
                .hasMessageContaining(reason);
    }
}
