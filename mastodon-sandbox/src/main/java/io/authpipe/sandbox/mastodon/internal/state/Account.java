package io.authpipe.sandbox.mastodon.internal.state;

import io.authpipe.sandbox.mastodon.SandboxUser;
import java.time.Instant;

/**
 * A local account (Mastodon's {@code users} + {@code accounts} rows).
 *
 * @param id        numeric account id (rendered as a digit string)
 * @param user      the seeded credentials and profile
 * @param createdAt creation time (rendered truncated to the day, as Mastodon does)
 * @param status    suspension/deletion state
 */
public record Account(long id, SandboxUser user, Instant createdAt, AccountStatus status) {

    /** The local username. */
    public String username() {
        return user.username();
    }

    /** Mastodon's {@code unavailable?}: suspended or deleted. */
    public boolean unavailable() {
        return status != AccountStatus.ACTIVE;
    }

    /** A copy in another state. */
    public Account withStatus(AccountStatus newStatus) {
        return new Account(id, user, createdAt, newStatus);
    }
}
