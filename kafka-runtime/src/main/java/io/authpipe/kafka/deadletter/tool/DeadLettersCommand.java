package io.authpipe.kafka.deadletter.tool;

import io.authpipe.kafka.KafkaConnection;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/**
 * {@code dead-letters list|replay}: the operator's view of the dead-letter topic.
 * <ul>
 *   <li>{@code list} prints one line per dead letter (see {@link ShelvedDeadLetter#line()}), never its bytes;</li>
 *   <li>{@code replay} puts the chosen dead letters back on their source topic (see {@link DeadLetterReplayer}) and
 *   prints one line each: {@code replayed}, {@code would replay} or {@code already replayed}.</li>
 * </ul>
 * Exit status: 0 done, 1 a replay named a dead letter that does not exist, 2 bad arguments.
 */
public final class DeadLettersCommand {
    private final KafkaConnection connection;
    private final String topic;
    private final Clock clock;

    /** @param topic the dead-letter topic, {@code authpipe.dead-letters} */
    public DeadLettersCommand(KafkaConnection connection, String topic, Clock clock) {
        this.connection = connection;
        this.topic = topic;
        this.clock = clock;
    }

    /** Runs {@code args} (after {@code dead-letters}); returns the exit status. */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        DeadLettersArguments arguments;
        try {
            arguments = DeadLettersArguments.parse(args, clock);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(DeadLettersArguments.USAGE);
            return 2;
        }
        DeadLetterShelf shelf = new DeadLetterShelf(connection, topic);
        List<ShelvedDeadLetter> letters = shelf.list(arguments.filter());
        if (!arguments.replay()) {
            letters.forEach(l -> out.println(l.line()));
            return 0;
        }
        if (letters.isEmpty()) {
            err.println("no dead letter matches");
            return 1;
        }
        new DeadLetterReplayer(connection, shelf).replay(letters, arguments.dryRun())
                .forEach(outcome -> out.println(describe(outcome)));
        return 0;
    }

    private static String describe(ReplayOutcome outcome) {
        String route = "dead-letters " + outcome.letter().position() + " -> " + outcome.letter().letter().sourceTopic();
        if (outcome instanceof ReplayOutcome.Replayed replayed) {
            return "replayed " + route + "/" + replayed.partition() + "@" + replayed.offset();
        }
        return (outcome instanceof ReplayOutcome.WouldReplay ? "would replay " : "already replayed ") + route;
    }
}
