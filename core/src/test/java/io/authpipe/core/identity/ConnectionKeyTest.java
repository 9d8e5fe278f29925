package io.authpipe.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Kafka key {@code tenant:provider:urlencoded(user)} and its parse are a lossless pair. */
class ConnectionKeyTest {

    @Test
    void theKafkaKeyIsTenantProviderAndEncodedUser() {
        // Given
        ConnectionKey key = ConnectionKey.of("acme", "mastodon", "user:42/ü");

        // When
        String wire = key.asKafkaKey();

        // Then
        assertThat(wire).isEqualTo("acme:mastodon:user%3A42%2F%C3%BC");
        assertThat(key).hasToString(wire);
    }

    @Property
    void anyUserIdSurvivesTheKafkaKeyRoundTrip(@ForAll("userIds") String user) {
        // Given
        ConnectionKey key = ConnectionKey.of("acme", "mastodon", user);

        // When
        ConnectionKey parsed = ConnectionKey.parse(key.asKafkaKey());

        // Then
        assertThat(parsed).isEqualTo(key);
        assertThat(parsed.user().value()).isEqualTo(user);
        assertThat(key.asKafkaKey().split(":", -1)).hasSize(3);
    }

    @Property
    void aTenantsPrefixNeverMatchesTheKeysOfATenantItIsAPrefixOf(@ForAll("tenantPairs") List<String> pair,
                                                                 @ForAll("userIds") String user) {
        // Given
        TenantId shorter = TenantId.of(pair.get(0));
        TenantId longer = TenantId.of(pair.get(1));

        // When
        String ownKey = new ConnectionKey(shorter, ProviderId.MASTODON, UserId.of(user)).asKafkaKey();
        String otherKey = new ConnectionKey(longer, ProviderId.MASTODON, UserId.of(user)).asKafkaKey();

        // Then
        assertThat(ownKey).startsWith(ConnectionKey.kafkaKeyPrefix(shorter));
        assertThat(otherKey).doesNotStartWith(ConnectionKey.kafkaKeyPrefix(shorter));
        assertThat(ownKey).doesNotStartWith(ConnectionKey.kafkaKeyPrefix(longer));
    }

    @Test
    void acmeDoesNotSeeTheConnectionsOfAcme2() {
        // Given
        String acme2Key = ConnectionKey.of("acme-2", "mastodon", "alice").asKafkaKey();

        // When / Then
        assertThat(ConnectionKey.kafkaKeyPrefix(TenantId.of("acme"))).isEqualTo("acme:");
        assertThat(acme2Key).doesNotStartWith(ConnectionKey.kafkaKeyPrefix(TenantId.of("acme")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "acme", "acme:mastodon", "Acme:mastodon:alice", "acme:Mastodon:alice",
            "acme:mastodon:", "acme:mastodon:%zz"})
    void malformedKeysAreRefused(String key) {
        assertThatIllegalArgumentException().isThrownBy(() -> ConnectionKey.parse(key));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "line\nbreak", "\u007f", "lone\uD800surrogate", "\uDC00"})
    void userIdsWithControlCharactersOrBrokenUnicodeAreRefused(String user) {
        assertThatIllegalArgumentException().isThrownBy(() -> UserId.of(user));
    }

    @Test
    void userIdsAreOneTo256Characters() {
        assertThat(UserId.of("x".repeat(256)).value()).hasSize(256);
        assertThatIllegalArgumentException().isThrownBy(() -> UserId.of("x".repeat(257)));
        assertThatIllegalArgumentException().isThrownBy(() -> UserId.of(""));
    }

    @Provide
    Arbitrary<String> userIds() {
        Arbitrary<String> tricky = Arbitraries.of(":", "%", "%25", "%3A", "/", "+", " ", "ü", "日本", "😀", "@",
                "?", "#", "&", "=", "~", "*", ".", "\\");
        Arbitrary<String> anyText = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(12);
        return Arbitraries.oneOf(tricky, anyText).list().ofMinSize(1).ofMaxSize(12)
                .map(parts -> String.join("", parts))
                .filter(s -> s.length() <= UserId.MAX_LENGTH)
                .filter(ConnectionKeyTest::isValidUserId);
    }

    @Provide
    Arbitrary<List<String>> tenantPairs() {
        Arbitrary<String> tenant = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-')
                .ofMinLength(0).ofMaxLength(30).map(rest -> "t" + rest);
        Arbitrary<String> suffix = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-')
                .ofMinLength(1).ofMaxLength(30);
        return Combinators.combine(tenant, suffix).as((t, s) -> List.of(t, t + s));
    }

    private static boolean isValidUserId(String value) {
        try {
            UserId.of(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
