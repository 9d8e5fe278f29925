package io.authpipe.sandbox.mastodon.internal.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Doorkeeper's redirect-URI matching rules (MASTODON.md §2 "Redirect-URI matching"). */
class RedirectUriMatcherTest {

    @Property
    void loopbackIpLiteralsMatchOnAnyPort(@ForAll @IntRange(min = 1, max = 65535) int port) {
        assertThat(matches("http://127.0.0.1:" + port + "/cb", "http://127.0.0.1/cb")).isTrue();
        assertThat(matches("http://[::1]:" + port + "/cb", "http://[::1]:8080/cb")).isTrue();
    }

    @Property
    void localhostIsNotALoopbackLiteral(@ForAll @IntRange(min = 1, max = 65535) int port) {
        assertThat(matches("http://localhost:" + port + "/cb", "http://localhost/cb")).isEqualTo(port == 80);
    }

    @Property
    void anyRequestedQueryIsIgnoredWhenTheRegisteredUriHasNone(
            @ForAll @AlphaChars @StringLength(min = 1, max = 8) String key,
            @ForAll @AlphaChars @StringLength(max = 8) String value) {
        assertThat(matches("https://app.example/cb?" + key + "=" + value, "https://app.example/cb")).isTrue();
    }

    @Test
    void aRegisteredQueryNeedsTheSamePairsInAnyOrder() {
        assertThat(matches("https://a.example/cb?b=2&a=1", "https://a.example/cb?a=1&b=2")).isTrue();
        assertThat(matches("https://a.example/cb?a=1", "https://a.example/cb?a=1&b=2")).isFalse();
        assertThat(matches("https://a.example/cb", "https://a.example/cb?a=1")).isFalse();
    }

    @Test
    void schemeAndHostIgnoreCaseButThePathDoesNot() {
        assertThat(matches("HTTPS://APP.example/cb", "https://app.example/cb")).isTrue();
        assertThat(matches("https://app.example/CB", "https://app.example/cb")).isFalse();
        assertThat(matches("https://app.example", "https://app.example/")).isTrue();
        assertThat(matches("https://app.example:443/cb", "https://app.example/cb")).isTrue();
    }

    @Test
    void fragmentsAndOpaqueUrisNeverMatchButRegisteredOobDoes() {
        assertThat(matches("https://app.example/cb#x", "https://app.example/cb")).isFalse();
        assertThat(matches("myapp:cb", "myapp:cb")).isFalse();
        assertThat(matches("urn:ietf:wg:oauth:2.0:oob", "urn:ietf:wg:oauth:2.0:oob")).isTrue();
    }

    private static boolean matches(String requested, String registered) {
        return RedirectUriMatcher.validForAuthorization(requested, List.of(registered));
    }
}
