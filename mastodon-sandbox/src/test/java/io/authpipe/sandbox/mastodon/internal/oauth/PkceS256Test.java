package io.authpipe.sandbox.mastodon.internal.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** S256 as RFC 7636 defines it. */
class PkceS256Test {

    @Test
    void theRfc7636AppendixBVectorVerifies() {
        assertThat(Pkce.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Property
    void aVerifierAnswersOnlyItsOwnChallenge(@ForAll @StringLength(min = 43, max = 128) @CharRange(from = 'a', to = 'z')
                                             @Chars({'-', '.', '_', '~'}) String verifier,
                                             @ForAll @StringLength(min = 43, max = 128) @CharRange(from = 'A', to = 'Z')
                                             String other) {
        Assume.that(!verifier.equals(other));
        String challenge = Pkce.s256(verifier);

        assertThat(Pkce.verifies(verifier, challenge)).isTrue();
        assertThat(Pkce.verifies(other, challenge)).isFalse();
        assertThat(Pkce.verifies(verifier, null)).isFalse();
    }
}
