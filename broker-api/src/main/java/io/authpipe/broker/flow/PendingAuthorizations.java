package io.authpipe.broker.flow;

import io.authpipe.broker.kafka.Awaiting;
import io.authpipe.broker.kafka.Publisher;
import io.authpipe.core.secret.Secret;
import io.authpipe.events.PendingAuthorization;
import io.authpipe.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Pending OAuth flows, keyed by state hash, on the compacted {@code authpipe.authorizations} topic and its
 * partitioned store. Requests about a state are routed to the instance owning its partition, which makes
 * {@link #claim} single-use: the owner admits one claim per state in-process and records the use on the topic
 * before answering, so neither a concurrent nor a later replay (on any instance, after any restart) succeeds.
 *
 * <p>States are minted so this instance owns their partition ({@link #newState}), and {@link #open} returns once
 * the store shows the flow: the callback then finds it with one lookup, and an unknown state is answered at once,
 * for the price of one store read. Only when no partition is owned here (more instances than partitions, a
 * rebalance) is a state minted for another owner, marked, and its callback may wait up to a second for that
 * owner's store — at most {@value #CATCH_UP_WAITERS} such waits at a time, so forged marked states cost little.
 */
public final class PendingAuthorizations {
    private static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CATCH_UP = Duration.ofSeconds(1);
    private static final int CATCH_UP_WAITERS = 4;
    private static final int MINT_ATTEMPTS = 64;

    private final Function<String, Optional<PendingAuthorization>> stored;
    private final Predicate<String> ownedHere;
    private final Publisher publisher;
    private final Map<String, Instant> claimed = new ConcurrentHashMap<>();
    private final Semaphore catchUpWaiters = new Semaphore(CATCH_UP_WAITERS);

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

    /** A new state, owned here when this instance owns any partition of the flows (each try is a 1-in-n draw). */
    public Secret newState() {
        for (int attempt = 0; attempt < MINT_ATTEMPTS; attempt++) {
            Secret state = StateToken.generate();
            if (ownedHere.test(StateToken.hash(state.reveal()))) {
                return state;
            }
        }
        return StateToken.generateCatchingUp();
    }

    /**
     * The flow of {@code state}. Call on the owning instance. One store read, except for a state minted on another
     * instance: then up to a second for this store to catch up, if one of the few waiting slots is free.
     */
    public Optional<PendingAuthorization> find(String state) {
        String hash = StateToken.storeKey(state);
        Optional<PendingAuthorization> flow = stored.apply(hash);
        if (flow.isPresent() || !StateToken.mayBeCatchingUp(state) || !catchUpWaiters.tryAcquire()) {
            return flow;
        }
        try {
            return Awaiting.value(() -> stored.apply(hash), CATCH_UP);
        } finally {
            catchUpWaiters.release();
        }
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
