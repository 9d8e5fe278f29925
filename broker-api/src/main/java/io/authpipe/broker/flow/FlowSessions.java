package io.authpipe.broker.flow;

import io.authpipe.events.BrowserBinding;

/** The connect sessions flows are started from, as the callback sees them. */
public interface FlowSessions {
    /** Whether the session already connected an account (a session connects once). */
    boolean completed(BrowserBinding browser);

    /** Records how a flow of the session ended. */
    void ended(BrowserBinding browser, FlowResult result);
}
