package io.authpipe.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.core.config.EnvReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dead-letters ...} finds its Kafka as documented: {@code KAFKA_BOOTSTRAP_SERVERS}, else the running
 * {@code ./authpipe}'s {@code AUTHPIPE_HOME/dev.json}; without either it says what to do. (The commands themselves run
 * against a real broker in kafka-runtime's {@code DeadLettersCommandTest}.)
 */
class DeadLettersToolTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void withoutAnyKafkaItSaysWhereItLooked(@TempDir Path home) {
        int status = run(Map.of("AUTHPIPE_HOME", home.toString()), "list");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("KAFKA_BOOTSTRAP_SERVERS", "dev.json");
    }

    @Test
    void theRunningLaunchersFactsNameTheEmbeddedBroker(@TempDir Path home) {
        new DevFacts("http://127.0.0.1:8080", "dev", "ap_key", "adm", "http://r", "http://s", List.of(),
                "127.0.0.1:9", "http://d", null).write(home.resolve("dev.json"));

        int status = run(Map.of("AUTHPIPE_HOME", home.toString()), "lst");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("name a command: list or replay")
                .contains("usage: dead-letters list");
    }

    private int run(Map<String, String> env, String... args) {
        return DeadLettersTool.run(List.of(args), new EnvReader(env), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
