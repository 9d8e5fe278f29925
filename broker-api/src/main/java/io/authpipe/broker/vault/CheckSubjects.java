package io.authpipe.broker.vault;

import io.authpipe.events.CheckSubject;
import io.authpipe.events.StoredCredential;
import java.util.Optional;

/**
 * What the health-worker checks of a stored credential: present while the connection holds its tokens, with the
 * token's expiry and the refresh timer's due time, after which a check can no longer judge it.
 */
final class CheckSubjects {
    private CheckSubjects() {
    }

    static Optional<CheckSubject> of(StoredCredential credential) {
        if (!ConnectionStates.isCheckable(credential)) {
            return Optional.empty();
        }
        return Optional.of(new CheckSubject(credential.getConnection(), credential.getVersion(),
                credential.getStatus(), credential.getInstance(), credential.getAccessToken(),
                credential.getExpiresAt(), credential.getNextRefreshAt()));
    }
}
