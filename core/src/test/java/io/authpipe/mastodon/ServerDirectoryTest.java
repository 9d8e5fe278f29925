package io.authpipe.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.core.instance.InstancePolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each instance's local domain is asked once an hour, not once per use, and only so many instances are kept. */
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

    @Test
    void theLeastRecentlyUsedInstanceIsForgottenWhenTheCacheIsFull() {
        try (StubServer a = domainServer("a.example"); StubServer b = domainServer("b.example");
             StubServer c = domainServer("c.example")) {
            MastodonClient client = new MastodonClient(MastodonHttp.client(InstancePolicy.allowing(
                    List.of(a.authority(), b.authority(), c.authority())), "Authpipe-test", Duration.ofSeconds(5)),
                    Clock.systemUTC());
            ServerDirectory servers = new ServerDirectory(client, Clock.systemUTC(), 2);

            servers.localDomain(address(a));
            servers.localDomain(address(b));
            servers.localDomain(address(a));
            servers.localDomain(address(c)); // full: b, the least recently used, is dropped
            servers.localDomain(address(a));
            servers.localDomain(address(b));

            assertThat(a.requests()).isEqualTo(1);
            assertThat(b.requests()).isEqualTo(2);
            assertThat(c.requests()).isEqualTo(1);
        }
    }

    private static StubServer domainServer(String domain) {
        return StubServer.answering(200, "application/json", "{\"domain\":\"" + domain + "\"}");
    }

    private static InstanceAddress address(StubServer server) {
        return InstanceAddress.parse("http://" + server.authority());
    }
}
