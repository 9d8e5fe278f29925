package io.authpipe.health.check;

import io.authpipe.events.CheckSubject;
import io.authpipe.records.CheckWindow;
import java.time.Duration;

/**
 * The {@link CheckWindow} of a check subject: until its refresh is due and before its token expires (each less the
 * expiry margin). Outside it a check could not judge the grant, so none is sent, and a 401 that comes back after it
 * closed is not published: the connection is the refresh-worker's.
 */
public final class SubjectWindow {
    /** The {@code outcome} tag of checks not sent, or not recorded, because the window was closed. */
    public static final String LEFT_TO_REFRESH = "left_to_refresh";

    private SubjectWindow() {
    }

    public static CheckWindow of(CheckSubject subject, Duration expiryMargin) {
        return CheckWindow.of(subject.getExpiresAt(), subject.getRefreshDueAt(), expiryMargin);
    }
}
