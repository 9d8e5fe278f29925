package io.authpipe.launcher;

import io.authpipe.core.config.EnvReader;
import io.authpipe.kafka.KafkaConnection;
import io.authpipe.kafka.deadletter.tool.DeadLettersCommand;
import io.authpipe.topics.Topics;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code java -jar authpipe.jar dead-letters list|replay ...} (see {@link DeadLettersCommand}) against the cluster
 * of {@code KAFKA_BOOTSTRAP_SERVERS}, else the embedded broker of the running {@code ./authpipe} (its
 * {@code AUTHPIPE_HOME/dev.json}).
 */
final class DeadLettersTool {
    static final String COMMAND = "dead-letters";

    private DeadLettersTool() {
    }

    static int run(List<String> args, EnvReader env, PrintStream out, PrintStream err) {
        Optional<String> bootstrap = bootstrap(env);
        if (bootstrap.isEmpty()) {
            err.println("no Kafka to read: set KAFKA_BOOTSTRAP_SERVERS, or start ./authpipe (AUTHPIPE_HOME/dev.json)");
            return 2;
        }
        return new DeadLettersCommand(KafkaConnection.of(bootstrap.get()), Topics.DEAD_LETTERS, Clock.systemUTC())
                .run(args, out, err);
    }

    private static Optional<String> bootstrap(EnvReader env) {
        return env.optional("KAFKA_BOOTSTRAP_SERVERS").or(() -> DevFacts.read(
                DevEnvironment.factsFile(DevSettings.fromEnv(env))).map(DevFacts::kafkaBootstrapServers));
    }
}
