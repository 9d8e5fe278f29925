package io.authpipe.kafka.deadletter.tool;

/** What {@link DeadLetterReplayer} did with one dead letter. */
public sealed interface ReplayOutcome {
    ShelvedDeadLetter letter();

    /** Produced to its source topic at {@code partition}/{@code offset}. */
    record Replayed(ShelvedDeadLetter letter, int partition, long offset) implements ReplayOutcome {
    }

    /** A dry run: it would have been produced. */
    record WouldReplay(ShelvedDeadLetter letter) implements ReplayOutcome {
    }

    /** Left alone: its source topic already holds a replay of it. */
    record AlreadyReplayed(ShelvedDeadLetter letter) implements ReplayOutcome {
    }
}
