package io.authpipe.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** A secret prints as {@code [redacted]} wherever it ends up, and compares by content. */
class SecretTest {

    private static final String TOKEN = "ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0";

    record Holder(String name, Secret secret) {
    }

    @Test
    void toStringIsRedacted() {
        assertThat(Secret.of(TOKEN)).hasToString("[redacted]");
    }

    @Test
    void theValueReachesNoFormattedString() {
        // Given
        Secret secret = Secret.of(TOKEN);

        // When
        List<String> texts = List.of(
                String.valueOf(secret),
                "token=" + secret,
                "token=%s".formatted(secret),
                String.format("%s|%10s|%-12s", secret, secret, secret),
                new Holder("alice", secret).toString(),
                Optional.of(secret).toString(),
                List.of(secret).toString(),
                Map.of("token", secret).toString(),
                new StringBuilder().append(secret).toString());

        // Then
        assertThat(texts).allSatisfy(text -> assertThat(text).doesNotContain(TOKEN).contains("[redacted]"));
    }

    @Test
    void revealReturnsThePlaintextForTheWire() {
        // Given
        Secret secret = Secret.ofUtf8(TOKEN.getBytes(StandardCharsets.UTF_8));

        // When / Then
        assertThat(secret.reveal()).isEqualTo(TOKEN);
        assertThat(secret.utf8()).isEqualTo(TOKEN.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void secretsWithTheSameValueAreEqual() {
        assertThat(Secret.of(TOKEN)).isEqualTo(Secret.of(TOKEN)).isEqualTo(Secret.ofUtf8(TOKEN.getBytes(
                StandardCharsets.UTF_8)));
    }

    @Test
    void secretsDifferingInTheLastCharacterOrLengthAreNotEqual() {
        // Given
        Secret secret = Secret.of("abcdef");

        // When / Then
        assertThat(secret).isNotEqualTo(Secret.of("abcdeg"))
                .isNotEqualTo(Secret.of("abcde"))
                .isNotEqualTo(Secret.of("abcdefg"))
                .isNotEqualTo(Secret.of(""));
    }

    @Test
    void aSecretNeverEqualsItsPlaintextStringOrNull() {
        // Given
        Secret secret = Secret.of(TOKEN);

        // When / Then
        assertThat(secret.equals(TOKEN)).isFalse();
        assertThat(secret.equals(null)).isFalse();
    }

    @Test
    void aMissingValueIsRefused() {
        assertThatNullPointerException().isThrownBy(() -> Secret.of(null));
    }

    @Property
    void secretsAreEqualExactlyWhenTheirValuesAre(@ForAll String a, @ForAll String b) {
        assertThat(Secret.of(a).equals(Secret.of(b))).isEqualTo(a.equals(b) || sameUtf8(a, b));
    }

    @Property
    void theHashCodeSaysNothingAboutTheValue(@ForAll String a, @ForAll String b) {
        assertThat(Secret.of(a).hashCode()).isEqualTo(Secret.of(b).hashCode());
    }

    /** Unpaired surrogates all encode to '?', so two different strings can share one UTF-8 form. */
    private static boolean sameUtf8(String a, String b) {
        return java.util.Arrays.equals(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
