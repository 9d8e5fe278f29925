package io.authpipe.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.core.instance.InstanceAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Each instance's local domain is asked once an hour, not once per use. */
class ServerDirectoryTest {

    @Test
    void theLocalDomainIsAskedOnceAndAgainAfterAnHour() {
        try (StubServer mastodon = StubServer.answering(200, "application/json", "{\"domain\":\"social.example\"}")) {
            Instant start = Instant.parse("2026-11-26T12:00:00Z");
            Instant[] now = {start};
            Clock clock = new Clock() {
                @Override
                public Instant instant() {
                    return now[0];
                }

                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }
            };
            ServerDirectory servers = new ServerDirectory(SandboxFixture.clientAllowing(mastodon.authority()), clock);
            InstanceAddress instance = InstanceAddress.parse("http://" + mastodon.authority());

            assertThat(servers.localDomain(instance)).isEqualTo("social.example");
            now[0] = start.plus(Duration.ofMinutes(59));
            assertThat(servers.localDomain(instance)).isEqualTo("social.example");
            assertThat(mastodon.requests()).isEqualTo(1);

            now[0] = start.plus(Duration.ofMinutes(61));
            servers.localDomain(instance);
            assertThat(mastodon.requests()).isEqualTo(2);
        }
    }
}
