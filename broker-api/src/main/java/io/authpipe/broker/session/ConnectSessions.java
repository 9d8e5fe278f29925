package io.authpipe.broker.session;

import io.authpipe.broker.kafka.Awaiting;
import io.authpipe.broker.kafka.Publisher;
import io.authpipe.events.ConnectSession;
import io.authpipe.topics.Topics;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Connect sessions, keyed by id, on the compacted {@code authpipe.connect-sessions} topic and its partitioned
 * store. Requests about a session are routed to the instance owning its partition. Ids are minted so this instance
 * owns them, and {@link #open} returns once the store shows the session, so the browser's first request finds it.
 * The flows a session starts are minted on the same instance ({@code PendingAuthorizations#newState}), so their
 * callback usually finds the session in this store too.
 */
public final class ConnectSessions {
    private static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(10);
    private static final int MINT_ATTEMPTS = 64;

    private final Function<String, Optional<ConnectSession>> stored;
    private final Predicate<String> ownedHere;
    private final Publisher publisher;

    /**
     * @param stored    reads this instance's part of the store
     * @param ownedHere whether this instance owns a session id's partition now
     */
    public ConnectSessions(Function<String, Optional<ConnectSession>> stored, Predicate<String> ownedHere,
                    Publisher publisher) {
        this.stored = stored;
        this.ownedHere = ownedHere;
        this.publisher = publisher;
    }

    /** A new id, owned here when this instance owns any partition of the sessions. */
    String newId() {
        for (int attempt = 0; attempt < MINT_ATTEMPTS; attempt++) {
            String id = SessionToken.newId();
            if (ownedHere.test(id)) {
                return id;
            }
        }
        return SessionToken.newId();
    }

    /** Publishes a new session; when this instance owns it, returns once the store shows it. */
    void open(String id, ConnectSession session) {
        publisher.publish(Topics.CONNECT_SESSIONS, id, session);
        if (ownedHere.test(id)) {
            Awaiting.value(() -> stored.apply(id), VISIBILITY_TIMEOUT);
        }
    }

    /** The session in this instance's part of the store. */
    Optional<ConnectSession> find(String id) {
        return stored.apply(id);
    }

    /**
     * Publishes the session's next state; when this instance owns it, returns once the store shows it, so that a
     * poll after the browser learned the outcome finds it too. (The state is compared whole: its timestamps must be
     * whole milliseconds, as the topic keeps them.)
     */
    void update(String id, ConnectSession session) {
        publisher.publish(Topics.CONNECT_SESSIONS, id, session);
        if (ownedHere.test(id)) {
            Awaiting.value(() -> stored.apply(id).filter(session::equals), VISIBILITY_TIMEOUT);
        }
    }
}
