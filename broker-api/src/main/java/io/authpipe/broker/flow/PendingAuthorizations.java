package io.authpipe.broker.flow;

import io.authpipe.broker.kafka.Awaiting;
import io.authpipe.broker.kafka.Publisher;
import io.authpipe.events.PendingAuthorization;
import io.authpipe.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Pending OAuth flows, keyed by state hash, on the compacted {@code authpipe.authorizations} topic and its
 * partitioned store. Requests about a state are routed to the instance owning its partition, which makes
 * {@link #claim} single-use: the owner admits one claim per state in-process and records the use on the topic
 * before answering, so neither a concurrent nor a later replay (on any instance, after any restart) succeeds.
 */
public final class PendingAuthorizations {
    private static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CATCH_UP = Duration.ofSeconds(1);

    private final Function<String, Optional<PendingAuthorization>> stored;
    private final Predicate<String> ownedHere;
    private final Publisher publisher;
    private final Map<String, Instant> claimed = new ConcurrentHashMap<>();

    /**
     * @param stored    reads this instance's part of the store
     * @param ownedHere whether this instance owns a state hash's partition now
     */
    public PendingAuthorizations(Function<String, Optional<PendingAuthorization>> stored, Predicate<String> ownedHere,
                                 Publisher publisher) {
        this.stored = stored;
        this.ownedHere = ownedHere;
        this.publisher = publisher;
    }

    /** Publishes a new pending flow; when this instance owns it, returns once the store shows it. */
    public void open(String stateHash, PendingAuthorization pending) {
        publisher.publish(Topics.AUTHORIZATIONS, stateHash, pending);
        if (ownedHere.test(stateHash)) {
            Awaiting.value(() -> stored.apply(stateHash), VISIBILITY_TIMEOUT);
        }
    }

    /**
     * The flow, waiting up to a second for the store to catch up with a flow another instance opened a moment
     * ago. Call on the owning instance.
     */
    public Optional<PendingAuthorization> find(String stateHash) {
        return Awaiting.value(() -> stored.apply(stateHash), CATCH_UP);
    }

    /**
     * Marks the flow used. Call only on the owning instance. Returns false if it was used already (here or, as
     * the store shows, anywhere before).
     */
    public boolean claim(String stateHash, PendingAuthorization pending, Instant now) {
        purgeClaimsBefore(now.minus(Duration.ofHours(1)));
        if (pending.getConsumedAt() != null || claimed.putIfAbsent(stateHash, now) != null) {
            return false;
        }
        PendingAuthorization used = PendingAuthorization.newBuilder(pending).setConsumedAt(now).build();
        publisher.publish(Topics.AUTHORIZATIONS, stateHash, used);
        return true;
    }

    private void purgeClaimsBefore(Instant cutoff) {
        claimed.values().removeIf(at -> at.isBefore(cutoff));
    }
}
