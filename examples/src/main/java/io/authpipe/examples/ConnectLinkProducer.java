package io.authpipe.examples;

import io.authpipe.api.signing.CanonicalRequest;
import io.authpipe.api.signing.RequestSignature;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A backend that asks for a connect link over Kafka: it signs a {@code ConnectRequest} with its producer signing
 * key ({@code POST /v1/producer-keys}), produces it on {@code authpipe.connect-requests} with the schema Authpipe
 * registered there, and waits for the {@code ConnectReply} with its {@code requestId}. The link to hand the user is
 * the reply's {@code authorizeUrl} followed by the secret whose SHA-256 the request carried as
 * {@code stateChallenge}; the secret never goes on a topic.
 */
public final class ConnectLinkProducer {
    private static final String REQUESTS = "authpipe.connect-requests";
    private static final String REPLIES = "authpipe.connect-replies";

    /** What came back: the link for the user, or the error code of a refusal. */
    public record Outcome(String requestId, String link, String errorCode) {
    }

    /** Who signs: the producer signing key's id and the key as issued (base64url). */
    public record SigningKey(String id, String key) {
    }

    private ConnectLinkProducer() {
    }

    /** Requests a link with the schema registered under {@code authpipe.connect-requests-value}. */
    public static Outcome requestLink(String bootstrap, URI registry, SigningKey signer, String tenantId,
                                      String userId, String instance, String returnTo, Duration timeout) {
        return requestLink(bootstrap, registry, new ConfluentAvro(registry).latest(REQUESTS + "-value"), signer,
                tenantId, userId, instance, returnTo, timeout);
    }

    /** Requests a link, writing the request with {@code schema} (any id whose schema Authpipe can read). */
    public static Outcome requestLink(String bootstrap, URI registry, ConfluentAvro.Registered schema,
                                      SigningKey signer, String tenantId, String userId, String instance,
                                      String returnTo, Duration timeout) {
        String secret = randomSecret();
        String stateChallenge = sha256(secret);
        String requestId = UUID.randomUUID().toString();
        Instant signedAt = Instant.now();
        List<String> scopes = List.of("read");
        GenericRecord connection = new GenericData.Record(schema.schema().getField("connection").schema());
        connection.put("tenantId", tenantId);
        connection.put("provider", "mastodon");
        connection.put("userId", userId);
        GenericRecord request = schema.newRecord();
        request.put("requestId", requestId);
        request.put("connection", connection);
        request.put("instance", instance);
        request.put("scopes", scopes);
        request.put("returnTo", returnTo);
        request.put("forceLogin", false);
        request.put("stateChallenge", stateChallenge);
        request.put("keyId", signer.id());
        request.put("signedAt", signedAt.toEpochMilli());
        request.put("signature", RequestSignature.sign(signer.key(), CanonicalRequest.connect(requestId, tenantId,
                "mastodon", userId, instance, scopes, returnTo, false, stateChallenge, signer.id(), signedAt)));

        try (KafkaConsumer<String, byte[]> replies = repliesConsumer(bootstrap, requestId);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                     new StringSerializer(), new ByteArraySerializer())) {
            replies.poll(Duration.ZERO); // joins the group: positioned at the end before the request goes out
            while (replies.assignment().isEmpty()) {
                replies.poll(Duration.ofMillis(100));
            }
            replies.seekToEnd(replies.assignment());
            replies.assignment().forEach(replies::position);
            String key = tenantId + ":mastodon:" + java.net.URLEncoder.encode(userId, StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(REQUESTS, key, schema.encode(request)));
            producer.flush();
            return awaitReply(replies, new ConfluentAvro(registry), requestId, secret, timeout);
        }
    }

    private static Outcome awaitReply(KafkaConsumer<String, byte[]> replies, ConfluentAvro avro, String requestId,
                                      String secret, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, byte[]> record : replies.poll(Duration.ofMillis(200))) {
                GenericRecord reply = record.value() == null ? null : avro.decode(record.value());
                if (reply != null && requestId.equals(String.valueOf(reply.get("requestId")))) {
                    Object error = reply.get("errorCode");
                    return error != null ? new Outcome(requestId, null, error.toString())
                            : new Outcome(requestId, reply.get("authorizeUrl") + secret, null);
                }
            }
        }
        throw new IllegalStateException("no reply to " + requestId + " within " + timeout);
    }

    private static KafkaConsumer<String, byte[]> repliesConsumer(String bootstrap, String requestId) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "example-producer-" + requestId,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(REPLIES));
        return consumer;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String sha256(String text) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        Outcome outcome = requestLink(env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                URI.create(env.getOrDefault("SCHEMA_REGISTRY_URL", "http://localhost:8081/apis/ccompat/v7")),
                new SigningKey(env.get("PRODUCER_KEY_ID"), env.get("PRODUCER_KEY")),
                env.getOrDefault("TENANT_ID", "dev"), env.getOrDefault("USER_ID", "user-1"), env.get("INSTANCE"),
                env.get("RETURN_TO"), Duration.ofSeconds(30));
        System.out.println(outcome.errorCode() != null ? "refused: " + outcome.errorCode() : outcome.link());
    }
}
