package io.authpipe.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.core.instance.InstanceAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which LOCAL_DOMAIN an instance's address vouches for, and what names its users otherwise. */
class HandleDomainTest {

    @ParameterizedTest(name = "{0} reporting {1} names its users @…@{2}")
    @CsvSource({
            // the instance's own host
            "mastodon.social, mastodon.social, mastodon.social",
            "mastodon.social, MASTODON.Social., mastodon.social",
            // the usual split: API on a subdomain, handles on the parent
            "mastodon.example.com, example.com, example.com",
            "social.a.example.co.uk, example.co.uk, example.co.uk",
            // a claim on an unrelated domain: the host names them
            "evil.example, mastodon.social, evil.example",
            "mastodon.social.evil.example, mastodon.social, mastodon.social.evil.example",
            "evilmastodon.social, mastodon.social, evilmastodon.social",
            // a public suffix vouches for nobody
            "alice.github.io, github.io, alice.github.io",
            "example.co.uk, co.uk, example.co.uk",
            "mastodon.example.com, com, mastodon.example.com",
            // not a DNS name at all
            "mastodon.example.com, 'example.com/@x', mastodon.example.com",
            "mastodon.example.com, 'javascript:alert(1)', mastodon.example.com",
            "mastodon.example.com, 'exa mple.com', mastodon.example.com",
            "mastodon.example.com, '', mastodon.example.com",
            "mastodon.example.com, -example.com, mastodon.example.com",
            // a public IP literal has no domain to vouch with
            "203.0.113.5, mastodon.social, 203.0.113.5",
            // a server on this machine (the allow-listed development sandbox) keeps its LOCAL_DOMAIN
            "127.0.0.1:8090, sandbox.authpipe.test, sandbox.authpipe.test",
            "[::1]:8090, sandbox.authpipe.test, sandbox.authpipe.test",
            "localhost:8090, sandbox.authpipe.test, sandbox.authpipe.test",
            "127.0.0.1:8090, 'not a domain', 127.0.0.1",
    })
    void theReportedLocalDomainCountsOnlyWhereTheAddressVouchesForIt(String instance, String reported,
                                                                    String expected) {
        // When
        String domain = HandleDomain.of(InstanceAddress.parse(instance), reported);

        // Then
        assertThat(domain).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"mastodon.social", "203.0.113.5"})
    void noReportedDomainMeansTheHost(String instance) {
        assertThat(HandleDomain.of(InstanceAddress.parse(instance), null)).isEqualTo(instance);
    }
}
