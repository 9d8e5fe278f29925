package io.authpipe.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.authpipe.core.instance.InstanceAddress;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The account of a {@code verify_credentials} answer is recorded only as checked: a hostile instance cannot make
 * Authpipe store a foreign handle, a {@code javascript:} profile link or a malformed id.
 */
class AccountReaderTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final InstanceAddress INSTANCE = InstanceAddress.parse("mastodon.example.com");
    static final String LOCAL_DOMAIN = "example.com";

    static ObjectNode honest() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("id", "109372843234958732");
        body.put("username", "Alice_1");
        body.put("acct", "Alice_1");
        body.put("display_name", "Alice Example");
        body.put("url", "https://mastodon.example.com/@Alice_1");
        body.put("uri", "https://mastodon.example.com/users/Alice_1");
        body.put("avatar", "https://files.cdn.example.net/avatars/original/1.png");
        body.put("header", "https://files.cdn.example.net/headers/original/1.png");
        return body;
    }

    static VerifyOutcome read(ObjectNode body) {
        return AccountReader.read(body, INSTANCE, LOCAL_DOMAIN);
    }

    @Test
    void anHonestAccountIsRecordedWithItsHandleOnTheLocalDomain() {
        // When
        VerifyOutcome outcome = read(honest());

        // Then
        assertThat(outcome).isEqualTo(new VerifyOutcome.Verified(new MastodonAccount("109372843234958732", "Alice_1",
                "Alice_1@example.com", "https://mastodon.example.com/@Alice_1",
                "https://mastodon.example.com/users/Alice_1", "Alice Example")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedVariants")
    void otherServersHonestShapesAreAccepted(String name, Map<String, Object> fields, MastodonAccount expected) {
        // Given
        ObjectNode body = honest();
        fields.forEach((field, value) -> body.set(field, JSON.valueToTree(value)));

        // When / Then
        assertThat(read(body)).isEqualTo(new VerifyOutcome.Verified(expected));
    }

    static Stream<Arguments> acceptedVariants() {
        String url = "https://mastodon.example.com/@Alice_1";
        String uri = "https://mastodon.example.com/users/Alice_1";
        return Stream.of(
                Arguments.of("GoToSocial ULID id", Map.of("id", "01ARZ3NDEKTSV4RRFFQ69G5FAV"), new MastodonAccount(
                        "01ARZ3NDEKTSV4RRFFQ69G5FAV", "Alice_1", "Alice_1@example.com", url, uri, "Alice Example")),
                Arguments.of("numeric id", Map.of("id", 42), new MastodonAccount(
                        "42", "Alice_1", "Alice_1@example.com", url, uri, "Alice Example")),
                Arguments.of("acct with the handle domain", Map.of("acct", "alice_1@EXAMPLE.com"), new MastodonAccount(
                        "109372843234958732", "Alice_1", "alice_1@example.com", url, uri, "Alice Example")),
                Arguments.of("acct with the host", Map.of("acct", "Alice_1@mastodon.example.com"), new MastodonAccount(
                        "109372843234958732", "Alice_1", "Alice_1@mastodon.example.com", url, uri, "Alice Example")),
                Arguments.of("url on the handle domain, http", Map.of("url", "http://example.com/@Alice_1",
                        "uri", ""), new MastodonAccount("109372843234958732", "Alice_1", "Alice_1@example.com",
                        "http://example.com/@Alice_1", null, "Alice Example")),
                Arguments.of("dotted username", Map.of("username", "a.l-i_ce", "acct", "a.l-i_ce"), new MastodonAccount(
                        "109372843234958732", "a.l-i_ce", "a.l-i_ce@example.com", url, uri, "Alice Example")),
                Arguments.of("display name with controls", Map.of("display_name", "\u202eAlice\n"), new MastodonAccount(
                        "109372843234958732", "Alice_1", "Alice_1@example.com", url, uri, "Alice")));
    }

    @Test
    void missingOptionalFieldsAreNone() {
        // Given
        ObjectNode body = honest();
        body.remove(List.of("acct", "url", "uri", "avatar", "header", "display_name"));

        // When / Then
        assertThat(read(body)).isEqualTo(new VerifyOutcome.Verified(new MastodonAccount("109372843234958732",
                "Alice_1", "Alice_1@example.com", null, null, null)));
    }

    /** Hostile values by class; each is refused and the reason names the field, never the value. */
    static final Map<String, List<Object>> HOSTILE = Map.of(
            "id", List.of("", "12 34", "../../admin", "1;DROP", "x".repeat(65), "١٢٣", true, -0.5,
                    Map.of("$oid", "1"), List.of("1")),
            "username", List.of("", "gargron@mastodon.social", "al ice", ".alice", "alice.", "a\u0000b",
                    "<script>", "аlice", "a".repeat(65), 7),
            "acct", List.of("gargron@mastodon.social", "Alice_1@evil.example", "bob", "bob@example.com",
                    "Alice_1@example.com@evil.example", "@Alice_1", "Alice_1@", "Alice_1@example.com.evil.example",
                    12, List.of()),
            "url", List.of("javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>hi</b>",
                    "vbscript:msgbox", "file:///etc/passwd", "ftp://mastodon.example.com/x", "//mastodon.example.com/@a",
                    "/@Alice_1", "https://mastodon.social/@Gargron", "https://evil.example/@Alice_1",
                    "https://mastodon.example.com@evil.example/", "https://user:pw@mastodon.example.com/",
                    "https://mastodon.example.com/@Alice 1", "https://mastodon.example.com/\n@x",
                    "https://mastodon.example.com/" + "a".repeat(2048), "https:///@Alice_1", "https://exa_mple.com/",
                    "https://mastodon.example.com/\u202e@x", 5),
            "avatar", List.of("javascript:alert(1)", "data:image/png;base64,AAAA", "/avatars/1.png",
                    "https://u:p@cdn.example.net/a.png", "https://cdn.example.net/" + "a".repeat(2048), false),
            "display_name", List.of(7, List.of("a"), Map.of("a", "b")));

    @Test
    void everyHostileValueIsRefusedWithAReasonThatNamesTheFieldAndNotTheValue() {
        int tried = 0;
        for (Map.Entry<String, List<Object>> field : HOSTILE.entrySet()) {
            List<String> uriToo = field.getKey().equals("url") ? List.of("url", "uri")
                    : field.getKey().equals("avatar") ? List.of("avatar", "header") : List.of(field.getKey());
            for (String name : uriToo) {
                for (Object value : field.getValue()) {
                    // Given
                    ObjectNode body = honest();
                    body.set(name, JSON.valueToTree(value));

                    // When
                    VerifyOutcome outcome = read(body);

                    // Then
                    assertThat(outcome).as("%s = %s", name, value).isInstanceOfSatisfying(
                            VerifyOutcome.InvalidAccount.class, invalid -> {
                                assertThat(invalid.reason()).startsWith(name + " ");
                                if (value instanceof String s && s.length() > 3) {
                                    assertThat(invalid.reason()).doesNotContain(s);
                                }
                            });
                    tried++;
                }
            }
        }
        assertThat(tried).isEqualTo(10 + 10 + 10 + 2 * 19 + 2 * 6 + 3);
    }

    @Test
    void anAnswerThatIsNotAnObjectOrLacksIdOrUsernameIsRefused() {
        assertThat(AccountReader.read(JSON.valueToTree(List.of(1)), INSTANCE, LOCAL_DOMAIN))
                .isInstanceOf(VerifyOutcome.InvalidAccount.class);
        ObjectNode noId = honest();
        noId.remove("id");
        ObjectNode noUsername = honest();
        noUsername.remove("username");
        assertThat(read(noId)).isInstanceOf(VerifyOutcome.InvalidAccount.class);
        assertThat(read(noUsername)).isInstanceOf(VerifyOutcome.InvalidAccount.class);
    }

    @Test
    void aLocalDomainTheAddressDoesNotVouchForNamesTheHostAndCannotBeClaimedInAcct() {
        // Given an instance at evil.example that says its LOCAL_DOMAIN is mastodon.social
        InstanceAddress evil = InstanceAddress.parse("evil.example");
        ObjectNode bare = honest();
        bare.put("url", "https://evil.example/@Alice_1");
        bare.put("uri", "https://evil.example/users/Alice_1");
        ObjectNode claimed = bare.deepCopy();
        claimed.put("acct", "Alice_1@mastodon.social");

        // When / Then
        assertThat(AccountReader.read(bare, evil, "mastodon.social")).isInstanceOfSatisfying(
                VerifyOutcome.Verified.class, v -> assertThat(v.account().acct()).isEqualTo("Alice_1@evil.example"));
        assertThat(AccountReader.read(claimed, evil, "mastodon.social"))
                .isInstanceOf(VerifyOutcome.InvalidAccount.class);
    }

    @Property(tries = 1000)
    void aProfileUrlWithAnySchemeButHttpOrHttpsIsRefused(@ForAll("schemes") String scheme) {
        // Given
        ObjectNode body = honest();
        body.put("url", scheme + "://mastodon.example.com/@Alice_1");

        // When / Then
        assertThat(read(body)).isInstanceOf(VerifyOutcome.InvalidAccount.class);
    }

    @Provide
    Arbitrary<String> schemes() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('+', '-', '.').ofMinLength(1).ofMaxLength(12)
                .filter(s -> Character.isLetter(s.charAt(0)) && !s.equalsIgnoreCase("http")
                        && !s.equalsIgnoreCase("https"));
    }

    @Property(tries = 1000)
    void anIdIsRecordedOnlyIfItIsShortAndUrlSafe(@ForAll String id) {
        // Given
        ObjectNode body = honest();
        body.put("id", id);

        // When
        VerifyOutcome outcome = read(body);

        // Then
        boolean safe = id.matches("[A-Za-z0-9_-]{1,64}");
        assertThat(outcome instanceof VerifyOutcome.Verified).as("id %s", id).isEqualTo(safe);
    }

    @Property(tries = 1000)
    void anAcctIsRecordedOnlyAsTheUsernameOnTheInstancesOwnDomain(@ForAll("accts") String acct) {
        // Given
        ObjectNode body = honest();
        body.put("acct", acct);

        // When
        VerifyOutcome outcome = read(body);

        // Then
        if (outcome instanceof VerifyOutcome.Verified verified) {
            assertThat(verified.account().acct().toLowerCase()).isIn("alice_1@example.com",
                    "alice_1@mastodon.example.com");
        }
    }

    @Provide
    Arbitrary<String> accts() {
        Arbitrary<String> users = Arbitraries.of("Alice_1", "alice_1", "ALICE_1", "bob", "Alice_", "", "Alice_1 ");
        Arbitrary<String> domains = Arbitraries.of("example.com", "EXAMPLE.COM", "mastodon.example.com",
                "mastodon.social", "evil.example", "example.com.evil", "", "example.com@evil.example");
        return Arbitraries.oneOf(users, net.jqwik.api.Combinators.combine(users, domains)
                .as((u, d) -> u + "@" + d));
    }
}
