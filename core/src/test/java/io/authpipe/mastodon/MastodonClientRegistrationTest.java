package io.authpipe.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.mastodon.AppRegistrationOutcome.Registered;
import io.authpipe.mastodon.AppRegistrationOutcome.Rejected;
import io.authpipe.mastodon.AppRegistrationOutcome.Throttled;
import io.authpipe.sandbox.mastodon.MastodonVersion;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/apps}: registered, rejected with the server's text, or throttled (MASTODON.md §1, §8). */
class MastodonClientRegistrationTest {

    @Test
    void aValidRegistrationReturnsTheClientCredentials() {
        try (SandboxFixture mastodon = SandboxFixture.start(SandboxFixture.relaxed())) {
            // When
            AppRegistrationOutcome outcome = mastodon.client().registerApp(mastodon.instance(), "Authpipe test",
                    SandboxFixture.CALLBACK, List.of("read", "write", "profile"), Optional.of("https://authpipe.io"));

            // Then
            assertThat(outcome).isInstanceOfSatisfying(Registered.class, registered -> {
                assertThat(registered.credentials().clientId()).matches("[A-Za-z0-9_-]{43}");
                assertThat(registered.credentials().clientSecret().reveal()).matches("[A-Za-z0-9_-]{43}");
                assertThat(registered.toString()).doesNotContain(registered.credentials().clientSecret().reveal());
            });
            assertThat(mastodon.sandbox().operator().appCount()).isEqualTo(1);
        }
    }

    @Test
    void aServerBefore43AcceptsTheFormEncodedRegistration() {
        try (SandboxFixture mastodon = SandboxFixture.start(SandboxFixture.relaxed(MastodonVersion.V4_2))) {
            assertThat(mastodon.registerApp().clientId()).isNotBlank();
        }
    }

    @Test
    void unknownScopesAreRejectedWithTheServersText() {
        try (SandboxFixture mastodon = SandboxFixture.start(SandboxFixture.relaxed())) {
            // When
            AppRegistrationOutcome outcome = mastodon.client().registerApp(mastodon.instance(), "Authpipe test",
                    SandboxFixture.CALLBACK, List.of("read", "launch:missiles"), Optional.empty());

            // Then
            assertThat(outcome).isEqualTo(new Rejected(422,
                    "Validation failed: Scopes doesn't match those configured on the server."));
        }
    }

    @Test
    void aServerBefore43RejectsTheProfileScope() {
        try (SandboxFixture mastodon = SandboxFixture.start(SandboxFixture.relaxed(MastodonVersion.V4_2))) {
            // When
            AppRegistrationOutcome outcome = mastodon.client().registerApp(mastodon.instance(), "Authpipe test",
                    SandboxFixture.CALLBACK, List.of("profile"), Optional.empty());

            // Then
            assertThat(outcome).isInstanceOfSatisfying(Rejected.class,
                    rejected -> assertThat(rejected.message()).contains("Scopes"));
        }
    }

    @Test
    void theSixthRegistrationInAWindowIsThrottledUntilTheWindowEnds() {
        // Given: the sandbox's clock three minutes into a ten-minute window; Mastodon's default 5 per window
        Clock clock = Clock.fixed(Instant.parse("2026-08-21T14:03:00Z"), ZoneOffset.UTC);
        try (SandboxFixture mastodon = SandboxFixture.start(SandboxConfig.defaults().withClock(clock))) {
            for (int i = 0; i < 5; i++) {
                mastodon.registerApp();
            }

            // When
            AppRegistrationOutcome sixth = mastodon.client().registerApp(mastodon.instance(), "Authpipe test",
                    SandboxFixture.CALLBACK, SandboxFixture.SCOPES, Optional.empty());

            // Then: the reset comes from X-RateLimit-Reset (ISO 8601 with microseconds), not from our clock
            assertThat(sixth).isEqualTo(new Throttled(Instant.parse("2026-08-21T14:10:00Z")));
            assertThat(mastodon.sandbox().operator().appCount()).isEqualTo(5);
        }
    }
}
