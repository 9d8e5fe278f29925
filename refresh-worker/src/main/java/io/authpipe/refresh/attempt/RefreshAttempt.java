package io.authpipe.refresh.attempt;

import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.core.secret.Secret;
import io.authpipe.events.AppRegistration;
import io.authpipe.events.ConnectionEvent;
import io.authpipe.events.EncryptedSecret;
import io.authpipe.events.ExpiryTimer;
import io.authpipe.mastodon.ClientCredentials;
import io.authpipe.mastodon.InstanceUnavailableException;
import io.authpipe.mastodon.MastodonClient;
import io.authpipe.mastodon.RevokeOutcome;
import io.authpipe.mastodon.ServerDirectory;
import io.authpipe.mastodon.ServerInfo;
import io.authpipe.mastodon.TokenGrant;
import io.authpipe.mastodon.TokenOutcome;
import io.authpipe.mastodon.VerifyOutcome;
import io.authpipe.records.CheckWindow;
import io.authpipe.records.ConnectionKeys;
import io.authpipe.records.EventPublisher;
import io.authpipe.records.SealedBytes;
import io.authpipe.refresh.Completion;
import io.authpipe.refresh.RefreshJob;
import io.authpipe.refresh.RefreshMetrics;
import io.authpipe.vault.KmsKeyUnusableException;
import io.authpipe.vault.KmsUnavailableException;
import io.authpipe.vault.Purpose;
import io.authpipe.vault.SecretBinding;
import io.authpipe.vault.Vault;
import io.authpipe.vault.VaultCryptoException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link RefreshJob} on an executor thread: opens the sealed secrets, sends the refresh, classifies the
 * answer, seals the new tokens and publishes the result, based on the timer's version.
 *
 * <p>Failure classes:
 * <ul>
 *   <li>transient (timeouts, 5xx, non-JSON pages, 429): {@code RefreshFailed} with a retry time (exponential backoff
 *       with jitter, or the server's Retry-After / X-RateLimit-Reset, and the host is paused until then); after
 *       {@code maxFailures} in a row it becomes permanent, so nothing retries forever;</li>
 *   <li>permanent (an OAuth error such as {@code invalid_grant}; {@code invalid_client} also drops the app
 *       registration so the next connect registers a fresh app): {@code RefreshFailed} permanent, once;</li>
 *   <li>unknown (the request may have been processed but no answer came): never replayed blindly. The access token
 *       is probed: if it still works the server did not act, and the refresh is sent again; if it was revoked the
 *       refresh took effect and its answer is lost, which is reported permanent unless the server is known to carry
 *       refresh tokens over (then replaying is safe). A token already expired cannot tell either way, nor can one
 *       within {@code expiryMargin} of its expiry, nor a 401 answered after that ({@link CheckWindow}: our expiry is
 *       later than the server's by the token request's latency, and clocks differ): the refresh is sent again (a
 *       lost rotation is lost either way, and a server that detects reuse then revokes the orphaned tokens). If the
 *       outcome stays unknown for {@code maxFailures} attempts (the probe never gets an answer), the refresh is
 *       given up as permanent.</li>
 * </ul>
 */
public final class RefreshAttempt {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshAttempt.class);

    /** The sealed inputs, opened. */
    private record Opened(InstanceAddress instance, Secret refreshToken, ClientCredentials client, ServerInfo server) {
    }

    private final Vault vault;
    private final MastodonClient mastodon;
    private final ServerDirectory servers;
    private final EventPublisher publisher;
    private final Backoff backoff;
    private final HostPauses pauses;
    private final RefreshMetrics metrics;
    private final int maxFailures;
    private final Duration expiryMargin;
    private final Clock clock;

    public RefreshAttempt(Vault vault, MastodonClient mastodon, EventPublisher publisher, Backoff backoff,
                          HostPauses pauses, RefreshMetrics metrics, int maxFailures, Duration expiryMargin,
                          Clock clock) {
        this.vault = vault;
        this.mastodon = mastodon;
        this.servers = new ServerDirectory(mastodon, clock);
        this.publisher = publisher;
        this.backoff = backoff;
        this.pauses = pauses;
        this.metrics = metrics;
        this.maxFailures = maxFailures;
        this.expiryMargin = expiryMargin;
        this.clock = clock;
    }

    public Completion run(RefreshJob job) {
        if (job.mode() == RefreshJob.Mode.REPORT_EXPIRED) {
            return failPermanently(job, "expired_without_refresh_token", "expired_without_refresh_token");
        }
        if (job.mode() == RefreshJob.Mode.PROBE_FIRST && job.attempt() > maxFailures) {
            return failPermanently(job, "refresh_outcome_unknown", "gave_up");
        }
        if (job.app().isEmpty() || job.timer().getInstance() == null) {
            return failPermanently(job, "app_registration_missing", "rejected");
        }
        Opened opened;
        try {
            opened = open(job, job.app().get());
        } catch (KmsUnavailableException e) {
            metrics.result("not_sent");
            return new Completion.NotSent(job.connectionKey(), job.version(),
                    backoff.retryAt(job.timer().getFailures() + 1, clock.instant()));
        } catch (InstanceUnavailableException e) {
            return failTransiently(job, "unavailable", backoff.retryAt(job.timer().getFailures() + 1,
                    clock.instant()), "transient");
        } catch (KmsKeyUnusableException | VaultCryptoException e) {
            return failPermanently(job, "secrets_unreadable", "rejected");
        }
        try {
            return job.mode() == RefreshJob.Mode.PROBE_FIRST ? probeThenSend(job, opened) : send(job, opened, false);
        } catch (RuntimeException e) {
            LOG.error("refresh of connection={} failed unexpectedly ({}); its outcome counts as unknown",
                    job.connectionKey(), e.getClass().getSimpleName());
            metrics.result("probe_inconclusive");
            return inconclusive(job);
        }
    }

    /**
     * Opens everything the request needs before anything is sent, and seals once with the tenant's current key so
     * the data key is cached: sealing the new tokens after the answer then needs no key service call.
     */
    private Opened open(RefreshJob job, AppRegistration app) {
        ExpiryTimer timer = job.timer();
        ConnectionKey key = ConnectionKeys.of(timer.getConnection());
        Secret refreshToken = vault.decrypt(job.keys(), SecretBinding.forConnection(key, Purpose.REFRESH_TOKEN),
                SealedBytes.unwrap(timer.getRefreshToken()));
        Secret clientSecret = vault.decrypt(job.keys(), SecretBinding.forAppClientSecret(key.tenant(),
                key.provider().value(), timer.getAppRef()), SealedBytes.unwrap(app.getClientSecret()));
        seal(job, Purpose.REFRESH_TOKEN, refreshToken);
        InstanceAddress instance = InstanceAddress.parse(timer.getInstance());
        return new Opened(instance, refreshToken, new ClientCredentials(app.getClientId(), clientSecret),
                servers.lookup(instance));
    }

    private Completion send(RefreshJob job, Opened opened, boolean probed) {
        Instant started = clock.instant();
        TokenOutcome outcome;
        try {
            outcome = mastodon.refresh(opened.server(), opened.client(), opened.refreshToken());
        } catch (InstanceUnavailableException e) {
            metrics.request(Duration.between(started, clock.instant()));
            if (e.maybeProcessed()) {
                LOG.warn("refresh answer lost for connection={} ({}); probing before any retry", job.connectionKey(),
                        e.getMessage());
                return probed ? probeLater(job) : probeThenSend(job, opened);
            }
            return failTransiently(job, "unavailable", backoff.retryAt(job.timer().getFailures() + 1, clock.instant()),
                    "transient");
        }
        metrics.request(Duration.between(started, clock.instant()));
        if (outcome instanceof TokenOutcome.Issued issued) {
            return refreshed(job, opened, issued.grant());
        }
        if (outcome instanceof TokenOutcome.Throttled throttled) {
            pauses.pause(job.host(), throttled.retryAt());
            return failTransiently(job, "throttled", backoff.notBefore(throttled.retryAt(), clock.instant()),
                    "throttled");
        }
        TokenOutcome.Refused refused = (TokenOutcome.Refused) outcome;
        if (refused.error().is("invalid_client")) {
            publisher.forgetApp(job.timer().getAppRef());
        }
        return failPermanently(job, refused.error().error(), "rejected");
    }

    private Completion probeThenSend(RefreshJob job, Opened opened) {
        ExpiryTimer timer = job.timer();
        Instant now = clock.instant();
        CheckWindow window = CheckWindow.untilExpiry(timer.getExpiresAt(), expiryMargin);
        if (timer.getAccessToken() == null || !window.isOpenAt(now)) {
            return send(job, opened, true); // an expired token cannot tell whether the refresh took effect
        }
        ConnectionKey key = ConnectionKeys.of(timer.getConnection());
        Secret accessToken = vault.decrypt(job.keys(), SecretBinding.forConnection(key, Purpose.ACCESS_TOKEN),
                SealedBytes.unwrap(timer.getAccessToken()));
        VerifyOutcome probe;
        try {
            probe = mastodon.verifyCredentials(opened.instance(), accessToken, opened.instance().host());
        } catch (InstanceUnavailableException e) {
            return probeLater(job);
        }
        if (probe instanceof VerifyOutcome.Throttled throttled) {
            pauses.pause(job.host(), throttled.until());
            metrics.result("probe_inconclusive");
            return new Completion.Inconclusive(job.connectionKey(), job.version(),
                    backoff.notBefore(throttled.until(), now));
        }
        if (!(probe instanceof VerifyOutcome.InvalidToken) || !window.isOpenAt(clock.instant())) {
            return send(job, opened, true);
        }
        if (Boolean.FALSE.equals(timer.getRefreshTokenRotates())) {
            return send(job, opened, true);
        }
        return failPermanently(job, "refresh_answer_lost", "answer_lost");
    }

    private Completion refreshed(RefreshJob job, Opened opened, TokenGrant grant) {
        Instant now = clock.instant();
        EncryptedSecret access = seal(job, Purpose.ACCESS_TOKEN, grant.accessToken());
        EncryptedSecret refresh = grant.refreshToken().map(r -> seal(job, Purpose.REFRESH_TOKEN, r)).orElse(null);
        Boolean rotated = grant.refreshToken().map(r -> !r.equals(opened.refreshToken())).orElse(null);
        grant.expiresAt().ifPresent(expiresAt -> metrics.refreshedAhead(Duration.between(now,
                job.timer().getExpiresAt())));
        Completion published = publish(job, RefreshEvents.refreshed(job, grant, access, refresh, rotated, now),
                "refreshed", true);
        // only expiring tokens: the vault answers a result it applied with the next timer, so a tombstone before that
        // timer means it never applied them (without an expiry, applying them would cancel the timer instead)
        return published instanceof Completion.Answered && grant.expiresAt().isPresent()
                ? new Completion.Answered(job.connectionKey(), job.version(),
                        Optional.of(new Completion.Issued(job, access, refresh)))
                : published;
    }

    /**
     * Revokes tokens a refresh obtained for a connection that was gone when its result arrived: the refresh token if
     * one was issued (RFC 7009: the server then drops the access token with it; Mastodon revokes the row holding
     * both), else the access token. Best effort: a failure is logged and counted, never retried.
     */
    public void revokeOrphan(Completion.Issued issued) {
        RefreshJob job = issued.job();
        try {
            if (job.app().isEmpty() || job.timer().getInstance() == null) {
                metrics.result("orphan_not_revoked");
                LOG.warn("orphaned tokens of connection={} version={} not revoked: no app registration",
                        job.connectionKey(), job.version());
                return;
            }
            ConnectionKey key = ConnectionKeys.of(job.timer().getConnection());
            boolean refreshToken = issued.refreshToken() != null;
            Secret token = vault.decrypt(job.keys(), SecretBinding.forConnection(key,
                            refreshToken ? Purpose.REFRESH_TOKEN : Purpose.ACCESS_TOKEN),
                    SealedBytes.unwrap(refreshToken ? issued.refreshToken() : issued.accessToken()));
            AppRegistration app = job.app().get();
            Secret clientSecret = vault.decrypt(job.keys(), SecretBinding.forAppClientSecret(key.tenant(),
                    key.provider().value(), job.timer().getAppRef()), SealedBytes.unwrap(app.getClientSecret()));
            InstanceAddress instance = InstanceAddress.parse(job.timer().getInstance());
            RevokeOutcome outcome = mastodon.revoke(servers.lookup(instance),
                    new ClientCredentials(app.getClientId(), clientSecret), token);
            metrics.result(outcome == RevokeOutcome.REVOKED ? "orphan_revoked" : "orphan_not_revoked");
            LOG.info("tokens refreshed for connection={} version={} after it was gone: revocation {}",
                    job.connectionKey(), job.version(), outcome);
        } catch (RuntimeException e) {
            metrics.result("orphan_not_revoked");
            LOG.warn("orphaned tokens of connection={} version={} not revoked ({})", job.connectionKey(),
                    job.version(), e.getClass().getSimpleName());
        }
    }

    private Completion failTransiently(RefreshJob job, String error, Instant retryAt, String outcome) {
        int failures = job.timer().getFailures() + 1;
        if (failures >= maxFailures) {
            return failPermanently(job, "gave_up_after_" + failures + "_attempts_" + error, "gave_up");
        }
        return publish(job, RefreshEvents.failed(job, false, error, retryAt, failures, clock.instant()), outcome,
                false);
    }

    private Completion failPermanently(RefreshJob job, String error, String outcome) {
        return publish(job, RefreshEvents.failed(job, true, error, null, job.timer().getFailures() + 1,
                clock.instant()), outcome, false);
    }

    /**
     * Publishes and reports the job answered. If the result cannot be written, new tokens the server issued are lost
     * to us: the outcome counts as unknown (probe later). Any other result is simply tried again.
     */
    private Completion publish(RefreshJob job, ConnectionEvent event, String outcome, boolean refreshedAtServer) {
        if (publisher.publish(job.connectionKey(), event)) {
            metrics.result(outcome);
            LOG.info("refresh of connection={} version={}: {}", job.connectionKey(), job.version(), outcome);
            return new Completion.Answered(job.connectionKey(), job.version());
        }
        metrics.result("unpublished");
        LOG.error("refresh result of connection={} version={} could not be published", job.connectionKey(),
                job.version());
        return refreshedAtServer ? inconclusive(job) : new Completion.NotSent(job.connectionKey(), job.version(),
                backoff.retryAt(job.timer().getFailures() + 1, clock.instant()));
    }

    private Completion probeLater(RefreshJob job) {
        metrics.result("probe_inconclusive");
        return inconclusive(job);
    }

    private Completion inconclusive(RefreshJob job) {
        return new Completion.Inconclusive(job.connectionKey(), job.version(),
                backoff.retryAt(job.timer().getFailures() + 1, clock.instant()));
    }

    private EncryptedSecret seal(RefreshJob job, Purpose purpose, Secret secret) {
        ConnectionKey key = ConnectionKeys.of(job.timer().getConnection());
        return SealedBytes.wrap(vault.encrypt(job.keys(), SecretBinding.forConnection(key, purpose), secret));
    }
}
