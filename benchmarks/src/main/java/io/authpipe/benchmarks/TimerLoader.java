package io.authpipe.benchmarks;

import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.events.ConnectionRef;
import io.authpipe.events.ExpiryTimer;
import io.authpipe.sandbox.mastodon.SandboxOperator.IssuedToken;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import io.authpipe.vault.Purpose;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes expiry timers to {@code authpipe.expiry-timers} as the vault publishes them, for the connections
 * {@code bench:mastodon:user-0000000}, {@code user-0000001}, ...: tokens minted at the sandbox in chunks (so a
 * million never sit in memory twice), sealed under the tenant's key for their purposes, version 1, due at a
 * pseudo-random time spread over {@link #DUE_SPREAD} (seeded, so every run loads the same schedule).
 */
final class TimerLoader {
    private static final Duration DUE_SPREAD = Duration.ofDays(1);
    private static final int CHUNK = 10_000;
    private static final long SEED = 2025;

    private final ScaleEnvironment env;
    private final AvroSerde<ExpiryTimer> serde = AvroSerde.of(ExpiryTimer.class, SchemaRegistry.none());
    private long bytesWritten;

    TimerLoader(ScaleEnvironment env) {
        this.env = env;
    }

    /**
     * Loads {@code count} timers due between {@code dueFrom} and {@code dueFrom} + {@link #DUE_SPREAD}.
     *
     * @return every ({@code count / sampleSize})-th timer, {@code sampleSize} of them: the ones a dispatch phase
     *         makes due
     */
    List<ExpiryTimer> load(int count, int sampleSize, Instant dueFrom) {
        int stride = Math.max(1, count / sampleSize);
        List<ExpiryTimer> sample = new ArrayList<>(sampleSize);
        SplittableRandom random = new SplittableRandom(SEED);
        try (TopicWriter writer = new TopicWriter(env.bootstrap(), "bench-timer-loader")) {
            for (int first = 0; first < count; first += CHUNK) {
                List<IssuedToken> tokens = env.sandbox().mintTokens(ScaleEnvironment.USERNAME, env.clientId(),
                        ScaleEnvironment.SCOPES, Math.min(CHUNK, count - first));
                for (int offset = 0; offset < tokens.size(); offset++) {
                    int user = first + offset;
                    Instant dueAt = dueFrom.plusMillis(random.nextLong(DUE_SPREAD.toMillis()));
                    ExpiryTimer timer = timer(user, tokens.get(offset), dueAt);
                    publish(writer, timer);
                    if (user % stride == 0 && sample.size() < sampleSize) {
                        sample.add(timer);
                    }
                }
            }
        }
        return sample;
    }

    /** Publishes {@code timers} again, unchanged but for their due time: the same version, now due at {@code dueAt}. */
    void republish(List<ExpiryTimer> timers, Instant dueAt) {
        try (TopicWriter writer = new TopicWriter(env.bootstrap(), "bench-timer-due")) {
            timers.forEach(timer -> publish(writer, ExpiryTimer.newBuilder(timer).setDueAt(dueAt).build()));
        }
    }

    /** Key and value bytes of every timer record written so far. */
    long bytesWritten() {
        return bytesWritten;
    }

    /** Characters in a connection key, {@code bench:mastodon:user-0000000}. */
    static int connectionKeyLength() {
        return ScaleEnvironment.connection(0).asKafkaKey().length();
    }

    private void publish(TopicWriter writer, ExpiryTimer timer) {
        byte[] key = ConnectionKey.of(ScaleEnvironment.TENANT.value(), ScaleEnvironment.PROVIDER,
                timer.getConnection().getUserId()).asKafkaKey().getBytes(StandardCharsets.UTF_8);
        byte[] value = serde.serialize(Topics.EXPIRY_TIMERS, timer);
        bytesWritten += key.length + value.length;
        writer.send(Topics.EXPIRY_TIMERS, key, value);
    }

    private ExpiryTimer timer(int user, IssuedToken token, Instant dueAt) {
        ConnectionKey key = ScaleEnvironment.connection(user);
        return ExpiryTimer.newBuilder()
                .setConnection(new ConnectionRef(key.tenant().value(), key.provider().value(), key.user().value()))
                .setVersion(1)
                .setDueAt(dueAt)
                .setExpiresAt(token.expiresAt().orElseThrow())
                .setInstance(env.instanceOrigin())
                .setAppRef(ScaleEnvironment.APP_REF)
                .setAccessToken(env.seal(key, Purpose.ACCESS_TOKEN, token.accessToken()))
                .setRefreshToken(env.seal(key, Purpose.REFRESH_TOKEN, token.refreshToken().orElseThrow()))
                .build();
    }
}
