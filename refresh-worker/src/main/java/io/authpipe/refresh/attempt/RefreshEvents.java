package io.authpipe.refresh.attempt;

import io.authpipe.events.ConnectionEvent;
import io.authpipe.events.CredentialRefreshed;
import io.authpipe.events.EncryptedSecret;
import io.authpipe.events.RefreshFailed;
import io.authpipe.mastodon.TokenGrant;
import io.authpipe.refresh.RefreshJob;
import java.time.Instant;
import java.util.UUID;

/** The connection events a refresh produces, each based on the version its timer was set for. */
final class RefreshEvents {
    private RefreshEvents() {
    }

    static ConnectionEvent refreshed(RefreshJob job, TokenGrant grant, EncryptedSecret accessToken,
                                     EncryptedSecret refreshToken, Boolean rotated, Instant now) {
        return event(job, now, CredentialRefreshed.newBuilder()
                .setAccessToken(accessToken)
                .setRefreshToken(refreshToken)
                .setTokenType(grant.tokenType())
                .setScopes(grant.scopes())
                .setExpiresAt(grant.expiresAt().orElse(null))
                .setRefreshTokenRotated(rotated)
                .build());
    }

    static ConnectionEvent failed(RefreshJob job, boolean permanent, String error, Instant retryAt, int attempt,
                                  Instant now) {
        return event(job, now, new RefreshFailed(permanent, error, retryAt, attempt));
    }

    private static ConnectionEvent event(RefreshJob job, Instant now, Object payload) {
        return ConnectionEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setConnection(job.timer().getConnection())
                .setOccurredAt(now)
                .setBaseVersion(job.version())
                .setPayload(payload)
                .build();
    }
}
