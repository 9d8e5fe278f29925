package io.authpipe.health.check;

import io.authpipe.events.CheckEvidence;
import io.authpipe.events.CheckOutcome;
import io.authpipe.mastodon.MastodonAccount;
import java.time.Instant;
import java.util.Optional;

/**
 * What one health check found, ready for a {@code CredentialChecked} event.
 *
 * @param account the account as the provider reports it now (healthy answers only)
 * @param retryAt when the provider lets us ask again (rate-limited answers only)
 */
public record CheckResult(CheckOutcome outcome, CheckEvidence evidence, Optional<MastodonAccount> account,
                          Optional<Instant> retryAt) {

    /** Whether the answer says nothing about the credential: check again sooner, never a transition. */
    public boolean ambiguous() {
        return outcome == CheckOutcome.RATE_LIMITED || outcome == CheckOutcome.INSTANCE_UNAVAILABLE;
    }
}
