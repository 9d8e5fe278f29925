package io.authpipe.health.check;

import io.authpipe.events.CheckEvidence;
import io.authpipe.events.CheckOutcome;
import io.authpipe.mastodon.InstanceUnavailableException;
import io.authpipe.mastodon.VerifyOutcome;
import java.util.Optional;

/**
 * Classifies a Mastodon health check ({@code GET /api/v1/accounts/verify_credentials}) by status and
 * {@code WWW-Authenticate} error code, never by localised text (MASTODON.md §4, §10):
 * <table>
 *   <caption>answer to outcome</caption>
 *   <tr><td>200</td><td>HEALTHY (with the account's current data)</td></tr>
 *   <tr><td>200 with an account that fails validation</td><td>HEALTHY, the account's data left as recorded (the
 *       token works; what the instance now says about its user is not taken)</td></tr>
 *   <tr><td>401 {@code invalid_token}</td><td>REVOKED</td></tr>
 *   <tr><td>403 for the account (disabled, suspended, unconfirmed, pending)</td><td>SUSPENDED</td></tr>
 *   <tr><td>403 for scopes</td><td>INSUFFICIENT_SCOPE</td></tr>
 *   <tr><td>422</td><td>NOT_A_USER_TOKEN</td></tr>
 *   <tr><td>429</td><td>RATE_LIMITED until the ISO 8601 reset</td></tr>
 *   <tr><td>5xx, timeouts, TLS or DNS errors, non-JSON pages</td><td>INSTANCE_UNAVAILABLE (never a revocation)</td></tr>
 * </table>
 */
public final class CheckClassifier {
    private CheckClassifier() {
    }

    public static CheckResult classify(VerifyOutcome answer) {
        if (answer instanceof VerifyOutcome.Verified verified) {
            return new CheckResult(CheckOutcome.HEALTHY, evidence(200, null), Optional.of(verified.account()),
                    Optional.empty());
        }
        if (answer instanceof VerifyOutcome.InvalidAccount) {
            return result(CheckOutcome.HEALTHY, 200, null);
        }
        if (answer instanceof VerifyOutcome.InvalidToken) {
            return result(CheckOutcome.REVOKED, 401, "invalid_token");
        }
        if (answer instanceof VerifyOutcome.Forbidden forbidden) {
            return forbidden.scopes() ? result(CheckOutcome.INSUFFICIENT_SCOPE, 403, "insufficient_scope")
                    : result(CheckOutcome.SUSPENDED, 403, null);
        }
        if (answer instanceof VerifyOutcome.Throttled throttled) {
            return new CheckResult(CheckOutcome.RATE_LIMITED, evidence(429, null), Optional.empty(),
                    Optional.of(throttled.until()));
        }
        return result(CheckOutcome.NOT_A_USER_TOKEN, 422, null);
    }

    /** The instance could not be asked, or gave no usable answer ({@link InstanceUnavailableException}). */
    public static CheckResult unavailable() {
        return result(CheckOutcome.INSTANCE_UNAVAILABLE, null, null);
    }

    private static CheckResult result(CheckOutcome outcome, Integer status, String errorCode) {
        return new CheckResult(outcome, evidence(status, errorCode), Optional.empty(), Optional.empty());
    }

    private static CheckEvidence evidence(Integer status, String errorCode) {
        return new CheckEvidence(status, errorCode);
    }
}
