package io.authpipe.health.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.core.identity.TenantId;
import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.core.instance.InstancePolicy;
import io.authpipe.core.secret.Secret;
import io.authpipe.events.CheckOutcome;
import io.authpipe.events.CheckSubject;
import io.authpipe.events.ConnectionRef;
import io.authpipe.events.ConnectionStatus;
import io.authpipe.health.HealthMetrics;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.KafkaConnection;
import io.authpipe.kafka.TopicAdmin;
import io.authpipe.kafka.TopicSpec;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.mastodon.AppRegistrationOutcome;
import io.authpipe.mastodon.ClientCredentials;
import io.authpipe.mastodon.MastodonClient;
import io.authpipe.mastodon.MastodonHttp;
import io.authpipe.records.EventPublisher;
import io.authpipe.records.SealedBytes;
import io.authpipe.sandbox.mastodon.MastodonSandbox;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import io.authpipe.vault.Purpose;
import io.authpipe.vault.SecretBinding;
import io.authpipe.vault.TenantKeys;
import io.authpipe.vault.Vault;
import io.authpipe.vault.kms.InMemoryKms;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One check against the sandbox over HTTP, results on a real broker: a check whose window closed while it waited is
 * not sent, and a 401 answered after the window closed is not recorded (the token's refresh was due: it may have
 * been replaced). The attempt's clock moves a second on every reading, so a check spans the window's end at will.
 */
@ExtendWith(KafkaBrokerExtension.class)
class CheckAttemptWindowTest {
    static final TenantId TENANT = TenantId.of("acme");
    static final Duration MARGIN = Duration.ofSeconds(10);
    static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

    static MastodonSandbox sandbox;
    static MastodonClient mastodon;
    static ClientCredentials app;
    static Vault vault;
    static TenantKeys keys;
    static EventPublisher publisher;

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void start(EmbeddedKafka kafka) {
        KafkaConnection connection = KafkaConnection.of(kafka.bootstrapServers());
        TopicAdmin.ensureTopics(connection.adminConfig(), List.of(TopicSpec.deleted(Topics.CONNECTION_EVENTS, 3,
                Duration.ofDays(1))), Duration.ofSeconds(30));
        sandbox = MastodonSandbox.start(SandboxConfig.defaults());
        mastodon = new MastodonClient(MastodonHttp.client(InstancePolicy.allowing(List.of(
                URI.create(sandbox.baseUrl()).getAuthority())), "Authpipe-test", Duration.ofSeconds(2)),
                Clock.systemUTC());
        app = ((AppRegistrationOutcome.Registered) mastodon.registerApp(InstanceAddress.parse(sandbox.baseUrl()),
                "Authpipe test", "https://client.example/callback", List.of("read"), Optional.empty()))
                .credentials();
        vault = new Vault(new InMemoryKms(), Clock.systemUTC());
        keys = vault.createTenantKeys(TENANT);
        publisher = new EventPublisher(connection.producerConfig("check-attempt-test"), SchemaRegistry.none());
    }

    @AfterAll
    static void stop() {
        publisher.close();
        sandbox.close();
    }

    @Test
    void aCheckWhoseWindowClosedWhileItWaitedIsNotSent() {
        CheckJob job = job(validToken(), T0.minusSeconds(1));

        CheckDone done = attempt().run(job);

        assertThat(done.result()).isEmpty();
        assertThat(checks("left_to_refresh")).isEqualTo(1);
        assertThat(checks("healthy")).isZero();
    }

    @Test
    void a401AnsweredAfterTheWindowClosedIsNotRecorded() {
        String token = validToken();
        sandbox.operator().revokeToken(token);

        CheckDone done = attempt().run(job(token, T0.plus(MARGIN).plusMillis(500)));

        assertThat(done.result()).isEmpty();
        assertThat(checks("left_to_refresh")).isEqualTo(1);
        assertThat(checks("revoked")).isZero();
    }

    @Test
    void a401AnsweredInsideTheWindowIsRecordedAsARevocation() {
        String token = validToken();
        sandbox.operator().revokeToken(token);

        CheckDone done = attempt().run(job(token, T0.plus(Duration.ofMinutes(5))));

        assertThat(done.result()).hasValueSatisfying(r -> assertThat(r.outcome()).isEqualTo(CheckOutcome.REVOKED));
        assertThat(checks("revoked")).isEqualTo(1);
    }

    /** The attempt, on a clock that reads {@link #T0} first and a second later at every further reading. */
    private CheckAttempt attempt() {
        return new CheckAttempt(vault, mastodon, publisher, new HealthMetrics(meters), MARGIN, new SteppingClock());
    }

    /** A check of alice's {@code token} whose refresh is due at {@code refreshDueAt} (an hour before expiry). */
    private static CheckJob job(String token, Instant refreshDueAt) {
        ConnectionKey key = ConnectionKey.of(TENANT.value(), "mastodon", "u-" + UUID.randomUUID());
        CheckSubject subject = CheckSubject.newBuilder()
                .setConnection(new ConnectionRef(TENANT.value(), "mastodon", key.user().value()))
                .setVersion(1).setStatus(ConnectionStatus.ACTIVE)
                .setInstance(InstanceAddress.parse(sandbox.baseUrl()).origin())
                .setAccessToken(SealedBytes.wrap(vault.encrypt(keys, SecretBinding.forConnection(key,
                        Purpose.ACCESS_TOKEN), Secret.of(token))))
                .setExpiresAt(refreshDueAt.plus(Duration.ofHours(1))).setRefreshDueAt(refreshDueAt)
                .build();
        return new CheckJob(key.asKafkaKey(), subject, keys, false, T0, done -> { });
    }

    private static String validToken() {
        return sandbox.operator().mintTokens("alice", app.clientId(), List.of("read"), 1).get(0).accessToken();
    }

    private double checks(String outcome) {
        Counter counter = meters.find("authpipe.health.checks").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    /** {@link #T0} at the first reading, one second more at each next one. */
    private static final class SteppingClock extends Clock {
        private final AtomicLong readings = new AtomicLong();

        @Override
        public Instant instant() {
            return T0.plusSeconds(readings.getAndIncrement());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
