package io.authpipe.kafka.deadletter.tool;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which dead letters to list or replay: written at or after {@code since}, and, when given, of one application,
 * source topic, source partition and source offset.
 */
public record DeadLetterFilter(Instant since, Optional<String> application, Optional<String> sourceTopic,
                               Optional<Integer> sourcePartition, Optional<Long> sourceOffset) {

    public DeadLetterFilter {
        Objects.requireNonNull(since, "since");
    }

    /** Every dead letter. */
    public static DeadLetterFilter all() {
        return new DeadLetterFilter(Instant.EPOCH, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public boolean matches(ShelvedDeadLetter shelved) {
        return application.map(shelved.letter().application()::equals).orElse(true)
                && sourceTopic.map(shelved.letter().sourceTopic()::equals).orElse(true)
                && sourcePartition.map(p -> p == shelved.letter().sourcePartition()).orElse(true)
                && sourceOffset.map(o -> o == shelved.letter().sourceOffset()).orElse(true);
    }
}
