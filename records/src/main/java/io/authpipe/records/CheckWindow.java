package io.authpipe.records;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a provider's {@code 401 invalid_token} for a connection version's access token says something about the
 * grant. Before the token's refresh is due and before it expires, only a revoked grant or a deleted account explains
 * it. From the refresh due time on, a refresh may have replaced the token at any moment (the provider revokes the
 * old one, and the vault learns of the new one only when the result is applied, or, after a crash, much later);
 * and at or past its expiry it has simply expired. Neither is a revocation: the connection is the refresh-worker's,
 * whose refresh token is the authority on the grant ({@code invalid_grant} ends it).
 *
 * <p>Both edges move earlier by a {@code margin}: our {@code expiresAt} is the time we received the token plus
 * {@code expires_in}, later than the provider's own by the request's latency and the rounding of {@code expires_in},
 * and our processes' clocks differ a little. The health-worker sends no check once the window is closed; the vault
 * and the health-worker take a 401 answered after it closed for nothing; the refresh-worker's probe of a refresh with
 * an unknown outcome trusts a 401 only inside it.
 */
public final class CheckWindow {
    /** The default margin ({@code AUTHPIPE_EXPIRY_MARGIN}). */
    public static final Duration DEFAULT_MARGIN = Duration.ofSeconds(10);

    private final Instant closesAt;

    private CheckWindow(Instant closesAt) {
        this.closesAt = closesAt;
    }

    /**
     * The window of a token that expires at {@code expiresAt} and whose refresh is due at {@code refreshDueAt}
     * (either may be null: never, none planned).
     */
    public static CheckWindow of(Instant expiresAt, Instant refreshDueAt, Duration margin) {
        if (margin.isNegative()) {
            throw new IllegalArgumentException("the expiry margin must not be negative");
        }
        Instant edge = expiresAt == null ? refreshDueAt
                : refreshDueAt == null || expiresAt.isBefore(refreshDueAt) ? expiresAt : refreshDueAt;
        return new CheckWindow(edge == null ? null : edge.minus(margin));
    }

    /** The window of a token whose refresh is not considered: only its expiry closes it. */
    public static CheckWindow untilExpiry(Instant expiresAt, Duration margin) {
        return of(expiresAt, null, margin);
    }

    /** Whether a 401 answered at {@code at} judges the grant. */
    public boolean isOpenAt(Instant at) {
        return closesAt == null || at.isBefore(closesAt);
    }

    /** When the window closes; empty for a token that never expires and has no refresh planned. */
    public Optional<Instant> closesAt() {
        return Optional.ofNullable(closesAt);
    }

    @Override
    public String toString() {
        return "CheckWindow[closesAt=" + closesAt + "]";
    }
}
