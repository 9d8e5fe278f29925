package io.authpipe.benchmarks;

import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.events.CheckSubject;
import io.authpipe.events.ConnectionStatus;
import io.authpipe.sandbox.mastodon.SandboxOperator.IssuedToken;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import io.authpipe.vault.Purpose;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes check subjects to {@code authpipe.check-subjects} as the vault publishes them, for the connections
 * {@code bench:mastodon:user-0000000}, {@code user-0000001}, ...: tokens minted at the sandbox in chunks (so many
 * never sit in memory twice), the access token sealed under the tenant's key for {@link Purpose#ACCESS_TOKEN},
 * version 1, status {@code ACTIVE}, the sandbox as instance.
 */
final class CheckSubjectLoader {
    private static final int CHUNK = 10_000;

    private final ScaleEnvironment env;
    private final AvroSerde<CheckSubject> serde = AvroSerde.of(CheckSubject.class, SchemaRegistry.none());
    private long bytesWritten;

    CheckSubjectLoader(ScaleEnvironment env) {
        this.env = env;
    }

    /**
     * Loads {@code count} subjects.
     *
     * @return every ({@code count / sampleSize})-th connection with its token, {@code sampleSize} of them
     */
    List<SampleConnection> load(int count, int sampleSize) {
        int stride = Math.max(1, count / sampleSize);
        List<SampleConnection> sample = new ArrayList<>(sampleSize);
        try (TopicWriter writer = new TopicWriter(env.bootstrap(), "bench-subject-loader")) {
            for (int first = 0; first < count; first += CHUNK) {
                List<IssuedToken> tokens = env.sandbox().mintTokens(ScaleEnvironment.USERNAME, env.clientId(),
                        ScaleEnvironment.SCOPES, Math.min(CHUNK, count - first));
                for (int offset = 0; offset < tokens.size(); offset++) {
                    int user = first + offset;
                    ConnectionKey connection = ScaleEnvironment.connection(user);
                    publish(writer, connection, subject(connection, tokens.get(offset)));
                    if (user % stride == 0 && sample.size() < sampleSize) {
                        sample.add(new SampleConnection(connection, tokens.get(offset)));
                    }
                }
            }
        }
        return sample;
    }

    /** Key and value bytes of every subject written so far. */
    long bytesWritten() {
        return bytesWritten;
    }

    private void publish(TopicWriter writer, ConnectionKey connection, CheckSubject subject) {
        byte[] key = connection.asKafkaKey().getBytes(StandardCharsets.UTF_8);
        byte[] value = serde.serialize(Topics.CHECK_SUBJECTS, subject);
        bytesWritten += key.length + value.length;
        writer.send(Topics.CHECK_SUBJECTS, key, value);
    }

    private CheckSubject subject(ConnectionKey connection, IssuedToken token) {
        return CheckSubject.newBuilder()
                .setConnection(SampleConnection.refOf(connection))
                .setVersion(1)
                .setStatus(ConnectionStatus.ACTIVE)
                .setInstance(env.instanceOrigin())
                .setAccessToken(env.seal(connection, Purpose.ACCESS_TOKEN, token.accessToken()))
                .build();
    }
}
