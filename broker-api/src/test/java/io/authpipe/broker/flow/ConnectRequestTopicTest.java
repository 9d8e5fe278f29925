package io.authpipe.broker.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authpipe.broker.producers.ProducerKeys;
import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.StateSecret;
import io.authpipe.broker.testing.TestProducerKey;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.broker.testing.TopicProbe;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.events.ConnectReply;
import io.authpipe.events.ConnectRequest;
import io.authpipe.events.ConnectionRef;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.deadletter.DeadLetter;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.sandbox.mastodon.Outage;
import io.authpipe.sandbox.mastodon.SandboxBrowser;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import okhttp3.HttpUrl;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connect flow started by a record on {@code authpipe.connect-requests} instead of an HTTP call: the reply
 * carries the state's public handle only, and the producer's secret completes it.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ConnectRequestTopicTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final AvroSerde<ConnectRequest> REQUESTS = AvroSerde.of(ConnectRequest.class, SchemaRegistry.none());
    static final AvroSerde<ConnectReply> REPLIES = AvroSerde.of(ConnectReply.class, SchemaRegistry.none());
    static BrokerFixture fixture;
    static TestTenant tenant;
    static TopicProbe topics;

    @BeforeAll
    static void start(EmbeddedKafka kafka, @TempDir Path dir) {
        fixture = BrokerFixture.start(kafka, dir);
        tenant = fixture.createTenant("events");
        topics = new TopicProbe(kafka.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aRequestRecordIsAnsweredWithALinkThatTheProducersSecretCompletes() {
        // Given a producer that keeps a secret and sends its SHA-256
        StateSecret secret = StateSecret.generate();
        String requestId = send("user-topic", List.of("read", "write"), Optional.of(secret.challenge()));

        // When the reply comes back and the producer appends its secret, and the user clicks on the connect page
        ConnectReply reply = awaitReply(requestId);
        SandboxBrowser browser = new SandboxBrowser();
        URI callback = browser.approve(secret.complete(reply.getAuthorizeUrl()), "alice", "alice-password");

        // Then the reply held only the session's public id, and the completed link connects the account
        assertThat(reply.getErrorCode()).isNull();
        assertThat(reply.getExpiresAt()).isNotNull();
        assertThat(reply.getAuthorizeUrl()).matches(java.util.regex.Pattern.quote(fixture.baseUrl())
                + "/connect#token=cs_[A-Za-z0-9_-]{22}\\.").doesNotContain(secret.secret());
        assertThat(Api.browse(callback.toString(), browser).header("Location")).contains("authpipe_status=connected");
        Api.Reply credential = fixture.api(tenant).get("/v1/credentials/mastodon/user-topic");
        assertThat(credential.status()).isEqualTo(200);
        assertThat(credential.json().path("scopes").toString()).contains("read", "write");
    }

    @Test
    void whoeverReadsTheReplyCannotStartOrSpoilTheFlow() {
        // Given a reply on the topic, read by someone who does not hold the producer's secret
        StateSecret secret = StateSecret.generate();
        ConnectReply reply = awaitReply(send("user-eavesdropped", List.of("read"), Optional.of(secret.challenge())));
        String link = reply.getAuthorizeUrl();

        // When they complete the link with nothing, a guess or the challenge itself
        List<String> forged = List.of(link, link + "guess", link + secret.challenge());

        // Then the connect page refuses each like an unknown session, and the producer's link still connects
        assertThat(forged).allSatisfy(l -> assertThatThrownBy(() -> new SandboxBrowser().throughConnectPage(l))
                .hasMessageContaining("404").hasMessageContaining("unknown_session"));
        SandboxBrowser browser = new SandboxBrowser();
        URI callback = browser.approve(secret.complete(link), "alice", "alice-password");
        assertThat(Api.browse(callback.toString(), browser).header("Location")).contains("authpipe_status=connected");
    }

    @Test
    void aRequestWithoutAChallengeIsAnsweredWithTheErrorCodeAndNoLink() {
        ConnectReply reply = awaitReply(send("user-no-challenge", List.of("read"), Optional.empty()));

        assertThat(reply.getAuthorizeUrl()).isNull();
        assertThat(reply.getErrorCode()).isEqualTo("state_challenge_required");
        assertThat(reply.getErrorMessage()).contains("stateChallenge");
    }

    @Test
    void aChallengeThatIsNotASha256IsRefused() {
        ConnectReply reply = awaitReply(send("user-bad-challenge", List.of("read"), Optional.of("my-secret")));

        assertThat(reply.getAuthorizeUrl()).isNull();
        assertThat(reply.getErrorCode()).isEqualTo("invalid_state_challenge");
    }

    @Test
    void anInvalidRequestIsAnsweredWithTheErrorCode() {
        String requestId = send("user-bad-scope", List.of("read", "teleport"), challenge());

        ConnectReply reply = awaitReply(requestId);

        assertThat(reply.getAuthorizeUrl()).isNull();
        assertThat(reply.getErrorCode()).isEqualTo("invalid_scope");
        assertThat(reply.getErrorMessage()).contains("teleport");
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicWithItsReasonAndProcessingContinues() {
        byte[] garbage = ("not avro " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String key = ConnectionKey.of(tenant.id(), "mastodon", "user-garbage").asKafkaKey();
        topics.send(Topics.CONNECT_REQUESTS, key, garbage);
        String afterwards = send("user-after-garbage", List.of("read"), challenge());

        ConsumerRecord<String, byte[]> dead = topics.await(Topics.DEAD_LETTERS,
                r -> java.util.Arrays.equals(r.value(), garbage), WAIT);
        assertThat(dead.key()).isEqualTo(key);
        DeadLetter letter = DeadLetter.fromHeaders(dead.headers()).orElseThrow();
        assertThat(letter.sourceTopic()).isEqualTo(Topics.CONNECT_REQUESTS);
        assertThat(letter.stage()).isEqualTo(DeadLetter.Stage.DESERIALIZATION);
        assertThat(letter.application()).isEqualTo(fixture.applicationId() + ConnectRequestTopology.APPLICATION_SUFFIX);
        assertThat(letter.reason()).contains("unknown wire format");
        assertThat(awaitReply(afterwards).getAuthorizeUrl()).isNotNull();
    }

    @Test
    void anInstanceFailingTheAppRegistrationIsAnErrorReplyAndTheNextRequestIsAnswered() {
        // Given: the instance is known (discovered for the first tenant), then Rails crashes on every request
        fixture.startConnect(tenant, "user-before-outage", List.of("read"));
        TestTenant newcomer = fixture.createTenant("events-newcomer");
        fixture.sandbox().operator().startOutage(Outage.serverError());
        String duringOutage;
        try {
            // When a tenant without an app on the instance asks for a link
            duringOutage = send(newcomer, "user-during-outage", List.of("read"), challenge());

            // Then the registration's 500 is the reply's error
            ConnectReply reply = awaitReply(duringOutage);
            assertThat(reply.getAuthorizeUrl()).isNull();
            assertThat(reply.getErrorCode()).isEqualTo("instance_unreachable");
            assertThat(reply.getErrorMessage()).contains("HTTP 500");
        } finally {
            fixture.sandbox().operator().endOutage();
        }

        // And the connect application still answers
        assertThat(awaitReply(send(newcomer, "user-after-outage", List.of("read"), challenge())).getAuthorizeUrl())
                .isNotNull();
    }

    @Test
    void aRequestKeyedByAnotherConnectionIsAnsweredInvalidKey() {
        String requestId = UUID.randomUUID().toString();
        topics.send(Topics.CONNECT_REQUESTS, ConnectionKey.of(tenant.id(), "mastodon", "someone-else").asKafkaKey(),
                REQUESTS.serialize(Topics.CONNECT_REQUESTS,
                        signed(request(tenant, requestId, "user-key", List.of("read"), challenge()))));

        assertThat(awaitReply(requestId).getErrorCode()).isEqualTo("invalid_key");
    }

    @Test
    void anUnsignedTamperedStaleOrRevokedKeysRequestIsRefusedWithAReply() {
        // Given a tenant whose producers hold two keys (rolling from the first to the second)
        TestProducerKey first = fixture.issueProducerKey(tenant);
        TestProducerKey second = fixture.issueProducerKey(tenant);
        ConnectRequest unsigned = request(tenant, UUID.randomUUID().toString(), "user-signed", List.of("read"),
                challenge());
        Instant now = Instant.now();

        // When requests arrive unsigned, tampered after signing, signed too long ago, or by another tenant's key
        String noSignature = sendAsIs(unsigned);
        String tampered = sendAsIs(ConnectRequest.newBuilder(first.sign(withId(unsigned), now))
                .setScopes(List.of("read", "write")).build());
        String stale = sendAsIs(first.sign(withId(unsigned), now.minus(Duration.ofMinutes(6))));
        String foreign = sendAsIs(fixture.producerKey(fixture.createTenant("events-other")).sign(withId(unsigned),
                now));

        // Then each is answered with its refusal, and both of the tenant's keys are accepted
        assertThat(awaitReply(noSignature).getErrorCode()).isEqualTo("signature_required");
        assertThat(awaitReply(tampered).getErrorCode()).isEqualTo("signature_invalid");
        assertThat(awaitReply(stale).getErrorCode()).isEqualTo("request_expired");
        assertThat(awaitReply(foreign).getErrorCode()).isEqualTo("signature_invalid");
        assertThat(awaitReply(sendAsIs(first.sign(withId(unsigned), now))).getAuthorizeUrl()).isNotNull();
        assertThat(awaitReply(sendAsIs(second.sign(withId(unsigned), now))).getAuthorizeUrl()).isNotNull();

        // And when the first key is revoked, its requests are refused and the second's still accepted
        assertThat(fixture.api(tenant).delete("/v1/producer-keys/" + first.keyId()).status()).isEqualTo(204);
        assertThat(awaitReply(sendAsIs(first.sign(withId(unsigned), Instant.now()))).getErrorCode())
                .isEqualTo("signature_invalid");
        assertThat(awaitReply(sendAsIs(second.sign(withId(unsigned), Instant.now()))).getAuthorizeUrl()).isNotNull();
        assertThat(fixture.api(tenant).get("/v1/producer-keys").json().path("keys").toString())
                .contains(second.keyId()).doesNotContain(first.keyId()).doesNotContain(second.key())
                .doesNotContain(ProducerKeys.INTERNAL);
        assertThat(fixture.api(tenant).delete("/v1/producer-keys/" + ProducerKeys.INTERNAL).status()).isEqualTo(404);
        assertThat(fixture.api(tenant).get("/v1/secrets/producer-signing-key/" + second.keyId()).status())
                .isEqualTo(404);
    }

    @Test
    void aRequestWithoutAKeyIsAnsweredInvalidKeyWithoutAKey() {
        String requestId = UUID.randomUUID().toString();
        topics.send(Topics.CONNECT_REQUESTS, null, REQUESTS.serialize(Topics.CONNECT_REQUESTS,
                signed(request(tenant, requestId, "user-no-key", List.of("read"), challenge()))));

        ConsumerRecord<String, byte[]> reply = topics.await(Topics.CONNECT_REPLIES,
                r -> REPLIES.deserialize(Topics.CONNECT_REPLIES, r.value()).getRequestId().equals(requestId), WAIT);
        assertThat(reply.key()).isNull();
        assertThat(REPLIES.deserialize(Topics.CONNECT_REPLIES, reply.value()).getErrorCode()).isEqualTo("invalid_key");
    }

    private static ConnectRequest withId(ConnectRequest request) {
        return ConnectRequest.newBuilder(request).setRequestId(UUID.randomUUID().toString()).build();
    }

    private static String sendAsIs(ConnectRequest request) {
        ConnectionRef c = request.getConnection();
        topics.send(Topics.CONNECT_REQUESTS, ConnectionKey.of(c.getTenantId(), c.getProvider(), c.getUserId())
                .asKafkaKey(), REQUESTS.serialize(Topics.CONNECT_REQUESTS, request));
        return request.getRequestId();
    }

    private static ConnectRequest signed(ConnectRequest request) {
        return fixture.producerKey(tenant).sign(request, Instant.now());
    }

    private static Optional<String> challenge() {
        return Optional.of(StateSecret.generate().challenge());
    }

    private static String send(String userId, List<String> scopes, Optional<String> challenge) {
        return send(tenant, userId, scopes, challenge);
    }

    private static String send(TestTenant tenant, String userId, List<String> scopes, Optional<String> challenge) {
        String requestId = UUID.randomUUID().toString();
        topics.send(Topics.CONNECT_REQUESTS, ConnectionKey.of(tenant.id(), "mastodon", userId).asKafkaKey(),
                REQUESTS.serialize(Topics.CONNECT_REQUESTS, fixture.producerKey(tenant).sign(
                        request(tenant, requestId, userId, scopes, challenge), Instant.now())));
        return requestId;
    }

    private static ConnectRequest request(TestTenant tenant, String requestId, String userId, List<String> scopes,
                                          Optional<String> challenge) {
        return ConnectRequest.newBuilder()
                .setRequestId(requestId)
                .setConnection(new ConnectionRef(tenant.id(), "mastodon", userId))
                .setInstance(fixture.sandbox().baseUrl())
                .setScopes(scopes)
                .setReturnTo(tenant.returnTo())
                .setStateChallenge(challenge.orElse(null))
                .build();
    }

    private static ConnectReply awaitReply(String requestId) {
        ConsumerRecord<String, byte[]> record = topics.await(Topics.CONNECT_REPLIES,
                r -> REPLIES.deserialize(Topics.CONNECT_REPLIES, r.value()).getRequestId().equals(requestId), WAIT);
        return REPLIES.deserialize(Topics.CONNECT_REPLIES, record.value());
    }
}
