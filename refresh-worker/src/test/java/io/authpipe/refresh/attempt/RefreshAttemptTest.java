package io.authpipe.refresh.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.broker.testing.TopicProbe;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.core.identity.TenantId;
import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.core.instance.InstancePolicy;
import io.authpipe.core.secret.Secret;
import io.authpipe.events.AppRegistration;
import io.authpipe.events.ConnectionEvent;
import io.authpipe.events.ConnectionRef;
import io.authpipe.events.CredentialRefreshed;
import io.authpipe.events.ExpiryTimer;
import io.authpipe.events.RefreshFailed;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.KafkaConnection;
import io.authpipe.kafka.TopicAdmin;
import io.authpipe.kafka.TopicSpec;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.mastodon.AppRegistrationOutcome;
import io.authpipe.mastodon.ClientCredentials;
import io.authpipe.mastodon.MastodonClient;
import io.authpipe.mastodon.MastodonHttp;
import io.authpipe.mastodon.ServerInfo;
import io.authpipe.mastodon.TokenGrant;
import io.authpipe.mastodon.TokenOutcome;
import io.authpipe.records.EventPublisher;
import io.authpipe.records.SealedBytes;
import io.authpipe.refresh.Completion;
import io.authpipe.refresh.RefreshJob;
import io.authpipe.refresh.RefreshMetrics;
import io.authpipe.sandbox.mastodon.MastodonSandbox;
import io.authpipe.sandbox.mastodon.RefreshFault;
import io.authpipe.sandbox.mastodon.SandboxBrowser;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import io.authpipe.sandbox.mastodon.TokenPolicy;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import io.authpipe.vault.Purpose;
import io.authpipe.vault.SecretBinding;
import io.authpipe.vault.TenantKeys;
import io.authpipe.vault.Vault;
import io.authpipe.vault.kms.InMemoryKms;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One refresh attempt at a time, against the sandbox over HTTP (rotating refresh tokens, reuse detection) and a real
 * broker for its results: the failure classes and the probe that replaces blind replays.
 */
@ExtendWith(KafkaBrokerExtension.class)
class RefreshAttemptTest {
    static final String CALLBACK = "https://client.example/callback";
    static final TenantId TENANT = TenantId.of("acme");
    static final int MAX_FAILURES = 5;
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);

    static MastodonSandbox sandbox;
    static MastodonClient mastodon;
    static Vault vault;
    static TenantKeys keys;
    static EventPublisher publisher;
    static TopicProbe topics;
    static ServerInfo server;
    static ClientCredentials app;

    final HostPauses pauses = new HostPauses();

    @BeforeAll
    static void start(EmbeddedKafka kafka) {
        KafkaConnection connection = KafkaConnection.of(kafka.bootstrapServers());
        TopicAdmin.ensureTopics(connection.adminConfig(), List.of(TopicSpec.deleted(Topics.CONNECTION_EVENTS, 3, Duration.ofDays(1)),
                TopicSpec.compacted(Topics.APP_REGISTRATIONS, 3)), Duration.ofSeconds(30));
        sandbox = MastodonSandbox.start(SandboxConfig.defaults()
                .withTokenPolicy(TokenPolicy.expiring(Duration.ofMinutes(10), true)));
        mastodon = new MastodonClient(MastodonHttp.client(InstancePolicy.allowing(List.of(
                URI.create(sandbox.baseUrl()).getAuthority())), "Authpipe-test", Duration.ofSeconds(2)),
                Clock.systemUTC());
        vault = new Vault(new InMemoryKms(), Clock.systemUTC());
        keys = vault.createTenantKeys(TENANT);
        publisher = new EventPublisher(connection.producerConfig("attempt-test"), SchemaRegistry.none());
        topics = new TopicProbe(kafka.bootstrapServers());
        server = mastodon.discover(InstanceAddress.parse(sandbox.baseUrl()));
        app = ((AppRegistrationOutcome.Registered) mastodon.registerApp(server.instance(), "Authpipe test", CALLBACK,
                List.of("read"), Optional.empty())).credentials();
    }

    @AfterAll
    static void stop() {
        publisher.close();
        sandbox.close();
    }

    RefreshAttempt attempt() {
        return new RefreshAttempt(vault, mastodon, publisher, new Backoff(Duration.ofSeconds(1),
                Duration.ofSeconds(10), new Random(7)), pauses, new RefreshMetrics(new SimpleMeterRegistry()),
                MAX_FAILURES, EXPIRY_MARGIN, Clock.systemUTC());
    }

    @Test
    void aStillValidAccessTokenProvesALeasedRefreshNeverReachedTheServerSoItIsSent() {
        Connection c = connect();

        Completion done = attempt().run(c.job(RefreshJob.Mode.PROBE_FIRST, 0));

        assertThat(done).isInstanceOf(Completion.Answered.class);
        assertThat(c.result().getPayload()).isInstanceOf(CredentialRefreshed.class);
        CredentialRefreshed refreshed = (CredentialRefreshed) c.result().getPayload();
        assertThat(refreshed.getRefreshTokenRotated()).isTrue();
        assertThat(c.result().getBaseVersion()).isEqualTo(4L);
        assertThat(vault.decrypt(keys, SecretBinding.forConnection(c.key, Purpose.ACCESS_TOKEN),
                SealedBytes.unwrap(refreshed.getAccessToken())).reveal())
                .isNotEqualTo(c.grant.accessToken().reveal());
    }

    @Test
    void aRefreshThatTookEffectWithoutUsIsReportedLostNotReplayedAgainstAServerThatMayRotate() {
        Connection c = connect();
        assertThat(mastodon.refresh(server, app, c.grant.refreshToken().orElseThrow()))
                .isInstanceOf(TokenOutcome.Issued.class);
        int grants = sandbox.operator().refreshGrantsReceived();

        attempt().run(c.job(RefreshJob.Mode.PROBE_FIRST, 0));

        assertThat(failure(c)).satisfies(f -> {
            assertThat(f.getPermanent()).isTrue();
            assertThat(f.getError()).isEqualTo("refresh_answer_lost");
        });
        assertThat(sandbox.operator().refreshGrantsReceived()).isEqualTo(grants);
    }

    @Test
    void aTokenWithinTheExpiryMarginOfItsExpiryCannotTellSoTheRefreshIsSentNotReportedLost() {
        Connection c = connect();
        sandbox.operator().expireAccessToken(c.grant.accessToken().reveal());
        RefreshJob job = c.job(RefreshJob.Mode.PROBE_FIRST, 0);
        job.timer().setExpiresAt(Instant.now().plus(EXPIRY_MARGIN).minusSeconds(2));

        Completion done = attempt().run(job);

        assertThat(done).isInstanceOf(Completion.Answered.class);
        assertThat(c.result().getPayload()).isInstanceOf(CredentialRefreshed.class);
    }

    @Test
    void anOutcomeThatStaysUnknownIsGivenUpWithoutSendingAnything() {
        Connection c = connect();
        int grants = sandbox.operator().refreshGrantsReceived();

        attempt().run(c.job(RefreshJob.Mode.PROBE_FIRST, 0, MAX_FAILURES + 1));

        assertThat(failure(c).getPermanent()).isTrue();
        assertThat(failure(c).getError()).isEqualTo("refresh_outcome_unknown");
        assertThat(sandbox.operator().refreshGrantsReceived()).isEqualTo(grants);
    }

    @Test
    void aRejectedRefreshIsPermanent() {
        Connection c = connect();
        sandbox.operator().revokeToken(c.grant.accessToken().reveal());

        attempt().run(c.job(RefreshJob.Mode.REFRESH, 0));

        assertThat(failure(c).getPermanent()).isTrue();
        assertThat(failure(c).getError()).isEqualTo("invalid_grant");
    }

    @Test
    void aServerErrorIsTransientWithABackoffAndTheLastAllowedFailureIsPermanent() {
        Connection c = connect();
        sandbox.operator().failRefreshes(RefreshFault.serverError(), 2);
        Instant before = Instant.now();

        attempt().run(c.job(RefreshJob.Mode.REFRESH, 0));
        RefreshFailed first = failure(c);
        Connection d = connect();
        attempt().run(d.job(RefreshJob.Mode.REFRESH, MAX_FAILURES - 1));

        assertThat(first.getPermanent()).isFalse();
        assertThat(first.getAttempt()).isEqualTo(1);
        assertThat(first.getRetryAt()).isBetween(before.plusMillis(500), Instant.now().plusSeconds(1));
        assertThat(failure(d).getPermanent()).isTrue();
        assertThat(failure(d).getError()).startsWith("gave_up_after_5_attempts");
    }

    @Test
    void aThrottledRefreshWaitsForTheResetAndPausesTheInstance() {
        Connection c = connect();
        sandbox.operator().failRefreshes(RefreshFault.throttled(Duration.ofSeconds(30)), 1);

        attempt().run(c.job(RefreshJob.Mode.REFRESH, 0));

        assertThat(failure(c).getPermanent()).isFalse();
        assertThat(failure(c).getError()).isEqualTo("throttled");
        assertThat(failure(c).getRetryAt()).isAfter(Instant.now().plusSeconds(25));
        assertThat(pauses.isPaused(server.instance().authority(), Instant.now())).isTrue();
    }

    @Test
    void anUnknownClientDropsTheAppRegistrationSoTheNextConnectRegistersAFreshApp() {
        Connection c = connect();
        c.app.setClientSecret(SealedBytes.wrap(vault.encrypt(keys, SecretBinding.forAppClientSecret(TENANT,
                "mastodon", c.appRef), Secret.of("not-the-secret"))));

        attempt().run(c.job(RefreshJob.Mode.REFRESH, 0));

        assertThat(failure(c).getError()).isEqualTo("invalid_client");
        assertThat(topics.await(Topics.APP_REGISTRATIONS, r -> c.appRef.equals(r.key()) && r.value() == null,
                Duration.ofSeconds(10))).isNotNull();
    }

    @Test
    void anUnreachableInstanceIsATransientFailureThatCountsTowardsGivingUp() {
        Connection c = connect();
        RefreshJob job = c.job(RefreshJob.Mode.REFRESH, 2);
        job.timer().setInstance("http://127.0.0.1:1");

        attempt().run(job);

        assertThat(failure(c).getPermanent()).isFalse();
        assertThat(failure(c).getError()).isEqualTo("unavailable");
        assertThat(failure(c).getAttempt()).isEqualTo(3);
    }

    @Test
    void aTokenThatExpiresWithoutARefreshTokenNeedsReauthorization() {
        Connection c = connect();

        attempt().run(c.job(RefreshJob.Mode.REPORT_EXPIRED, 0));

        assertThat(failure(c).getPermanent()).isTrue();
        assertThat(failure(c).getError()).isEqualTo("expired_without_refresh_token");
    }

    private RefreshFailed failure(Connection c) {
        return (RefreshFailed) c.result().getPayload();
    }

    /** alice authorised for a fresh connection key; its timer and app registration, sealed as the vault does. */
    private Connection connect() {
        HttpUrl authorize = HttpUrl.get(server.authorizationEndpoint()).newBuilder()
                .addQueryParameter("response_type", "code").addQueryParameter("client_id", app.clientId())
                .addQueryParameter("redirect_uri", CALLBACK).addQueryParameter("scope", "read").build();
        URI redirect = new SandboxBrowser().approve(authorize.toString(), "alice", "alice-password");
        String code = HttpUrl.get(redirect.toString()).queryParameter("code");
        TokenGrant grant = ((TokenOutcome.Issued) mastodon.exchangeCode(server, app, code, CALLBACK,
                Optional.empty())).grant();
        return new Connection(ConnectionKey.of(TENANT.value(), "mastodon", "u-" + UUID.randomUUID()), grant);
    }

    final class Connection {
        final ConnectionKey key;
        final TokenGrant grant;
        final String appRef = "acme:app-" + UUID.randomUUID();
        final AppRegistration app;

        Connection(ConnectionKey key, TokenGrant grant) {
            this.key = key;
            this.grant = grant;
            this.app = AppRegistration.newBuilder().setTenantId(TENANT.value()).setInstance(server.instance().origin())
                    .setScopes(List.of("read")).setRedirectUri(CALLBACK).setClientId(RefreshAttemptTest.app.clientId())
                    .setClientSecret(SealedBytes.wrap(vault.encrypt(keys, SecretBinding.forAppClientSecret(TENANT,
                            "mastodon", appRef), RefreshAttemptTest.app.clientSecret())))
                    .setRegisteredAt(Instant.now()).build();
        }

        RefreshJob job(RefreshJob.Mode mode, int failures) {
            return job(mode, failures, 1);
        }

        RefreshJob job(RefreshJob.Mode mode, int failures, int attempt) {
            ExpiryTimer timer = ExpiryTimer.newBuilder()
                    .setConnection(new ConnectionRef(TENANT.value(), "mastodon", key.user().value()))
                    .setVersion(4).setDueAt(Instant.now()).setExpiresAt(grant.expiresAt().orElseThrow())
                    .setInstance(server.instance().origin()).setAppRef(appRef)
                    .setAccessToken(SealedBytes.wrap(vault.encrypt(keys,
                            SecretBinding.forConnection(key, Purpose.ACCESS_TOKEN), grant.accessToken())))
                    .setRefreshToken(SealedBytes.wrap(vault.encrypt(keys,
                            SecretBinding.forConnection(key, Purpose.REFRESH_TOKEN), grant.refreshToken().orElseThrow())))
                    .setFailures(failures).build();
            Consumer<Completion> ignored = completion -> { };
            return new RefreshJob(key.asKafkaKey(), timer, mode, attempt, keys, Optional.of(app), ignored);
        }

        ConnectionEvent result() {
            return AvroSerde.of(ConnectionEvent.class, SchemaRegistry.none()).deserialize(Topics.CONNECTION_EVENTS,
                    topics.await(Topics.CONNECTION_EVENTS, r -> key.asKafkaKey().equals(r.key()),
                            Duration.ofSeconds(10)).value());
        }
    }
}
