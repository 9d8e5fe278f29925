package io.authpipe.refresh.attempt;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Instances that told us to slow down (429), and until when: no refresh is sent to them before that. Thread-safe. */
public final class HostPauses {
    private final Map<String, Instant> until = new ConcurrentHashMap<>();

    public void pause(String host, Instant resumeAt) {
        until.merge(host, resumeAt, (a, b) -> a.isAfter(b) ? a : b);
    }

    public boolean isPaused(String host, Instant now) {
        Instant resumeAt = until.get(host);
        if (resumeAt == null) {
            return false;
        }
        if (!now.isBefore(resumeAt)) {
            until.remove(host, resumeAt);
            return false;
        }
        return true;
    }
}
