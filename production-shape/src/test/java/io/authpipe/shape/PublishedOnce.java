package io.authpipe.shape;

import io.authpipe.events.ConnectionEvent;
import io.authpipe.events.CredentialUpdated;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether every transition was published exactly once: no event id twice on {@code authpipe.connection-events}
 * (a refresh or check result re-published by a restarted worker would carry its id again), no identical update
 * twice on {@code authpipe.credential-updated}, and no connection's version going down along the topic. (Health
 * results change a connection without a new version, so one version may have several different updates.)
 */
record PublishedOnce(int events, int updates, List<String> problems) {

    static PublishedOnce check(List<ConnectionEvent> events, List<CredentialUpdated> updates) {
        List<String> problems = new ArrayList<>();
        Set<String> eventIds = new HashSet<>();
        for (ConnectionEvent event : events) {
            if (!eventIds.add(event.getEventId().toString())) {
                problems.add("event " + event.getEventId() + " of " + event.getConnection().getUserId() + " twice");
            }
        }
        Set<CredentialUpdated> seen = new HashSet<>();
        Map<String, Long> lastVersion = new HashMap<>();
        for (CredentialUpdated update : updates) {
            String user = update.getConnection().getUserId().toString();
            if (!seen.add(update)) {
                problems.add("update of " + user + " v" + update.getVersion() + " twice");
            }
            Long before = lastVersion.put(user, update.getVersion());
            if (before != null && update.getVersion() < before) {
                problems.add(user + " went from v" + before + " to v" + update.getVersion());
            }
        }
        return new PublishedOnce(events.size(), updates.size(), problems);
    }

    /** How many updates said a connection was revoked. */
    static long revocations(List<CredentialUpdated> updates) {
        return updates.stream().filter(u -> u.getStatus().name().equalsIgnoreCase("revoked")).count();
    }
}
