package io.authpipe.sandbox.mastodon.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.sandbox.mastodon.MastodonVersion;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Doorkeeper 5.9.1+ sanitising of {@code error_description} (RFC 6750 §3). */
class WwwAuthenticateTest {

    @Property
    void aSanitisedDescriptionKeepsItsLengthAndOnlyRfc6750Characters(@ForAll String description) {
        String sanitised = WwwAuthenticate.sanitize(description);

        assertThat(sanitised).hasSameSizeAs(description).matches("[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]*");
    }

    @Test
    void onlyMastodon46AndLaterSanitise() {
        String description = "say \"ü\"";

        assertThat(WwwAuthenticate.bearer(MastodonVersion.V4_7, "invalid_token", description))
                .endsWith("error_description=\"say ___\"");
        assertThat(WwwAuthenticate.bearer(MastodonVersion.V4_5, "invalid_token", description))
                .endsWith("error_description=\"say \"ü\"\"");
    }
}
