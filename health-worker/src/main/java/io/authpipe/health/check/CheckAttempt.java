package io.authpipe.health.check;

import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.core.secret.Secret;
import io.authpipe.events.CheckOutcome;
import io.authpipe.events.ConnectionEvent;
import io.authpipe.events.CredentialChecked;
import io.authpipe.health.HealthMetrics;
import io.authpipe.mastodon.InstanceUnavailableException;
import io.authpipe.mastodon.MastodonClient;
import io.authpipe.mastodon.RateLimit;
import io.authpipe.mastodon.ServerDirectory;
import io.authpipe.records.AccountRecords;
import io.authpipe.records.CheckWindow;
import io.authpipe.records.ConnectionKeys;
import io.authpipe.records.EventPublisher;
import io.authpipe.records.SealedBytes;
import io.authpipe.vault.KmsKeyUnusableException;
import io.authpipe.vault.KmsUnavailableException;
import io.authpipe.vault.Purpose;
import io.authpipe.vault.SecretBinding;
import io.authpipe.vault.Vault;
import io.authpipe.vault.VaultCryptoException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link CheckJob} on an executor thread: opens the sealed access token, asks the instance
 * ({@code verify_credentials}), classifies the answer ({@link CheckClassifier}) and publishes a
 * {@code CredentialChecked} based on the subject's version. The vault turns it into a transition (once) or only
 * records when the check ran; a result about an older version changes nothing. A check whose {@link SubjectWindow}
 * closed while it waited for its instance's budget is not sent, and a 401 answered after it closed is not published:
 * the token may have been refreshed away or have expired, which says nothing about the grant.
 */
public final class CheckAttempt {
    private static final Logger LOG = LoggerFactory.getLogger(CheckAttempt.class);

    private final Vault vault;
    private final MastodonClient mastodon;
    private final ServerDirectory servers;
    private final EventPublisher publisher;
    private final HealthMetrics metrics;
    private final Duration expiryMargin;
    private final Clock clock;

    public CheckAttempt(Vault vault, MastodonClient mastodon, EventPublisher publisher, HealthMetrics metrics,
                        Duration expiryMargin, Clock clock) {
        this.vault = vault;
        this.mastodon = mastodon;
        this.servers = new ServerDirectory(mastodon, clock);
        this.publisher = publisher;
        this.metrics = metrics;
        this.expiryMargin = expiryMargin;
        this.clock = clock;
    }

    public CheckDone run(CheckJob job) {
        Instant started = clock.instant();
        CheckWindow window = SubjectWindow.of(job.subject(), expiryMargin);
        if (!window.isOpenAt(started)) {
            return nothingLearnt(job, started, SubjectWindow.LEFT_TO_REFRESH);
        }
        Secret accessToken;
        try {
            accessToken = open(job);
        } catch (KmsUnavailableException e) {
            return nothingLearnt(job, started, "not_sent");
        } catch (KmsKeyUnusableException | VaultCryptoException e) {
            LOG.error("cannot open the access token of connection={} version={} ({})", job.connectionKey(),
                    job.version(), e.getClass().getSimpleName());
            return nothingLearnt(job, started, "secrets_unreadable");
        }
        CheckResult result;
        Optional<RateLimit> rateLimit = Optional.empty();
        try {
            InstanceAddress instance = InstanceAddress.parse(job.subject().getInstance());
            MastodonClient.Verification answer = mastodon.check(instance, accessToken, servers.localDomain(instance));
            result = CheckClassifier.classify(answer.outcome());
            rateLimit = answer.rateLimit();
        } catch (InstanceUnavailableException e) {
            result = CheckClassifier.unavailable();
        }
        Instant ended = clock.instant();
        metrics.request(Duration.between(started, ended));
        if (result.outcome() == CheckOutcome.REVOKED && !window.isOpenAt(ended)) {
            LOG.info("checked connection={} version={}: 401 after its refresh was due or near its expiry; left to the"
                    + " refresh-worker", job.connectionKey(), job.version());
            return nothingLearnt(job, started, SubjectWindow.LEFT_TO_REFRESH);
        }
        if (!publisher.publish(job.connectionKey(), event(job, result, ended))) {
            LOG.error("check result of connection={} version={} could not be published", job.connectionKey(),
                    job.version());
            return nothingLearnt(job, started, "unpublished");
        }
        metrics.result(result.outcome().name().toLowerCase(Locale.ROOT));
        LOG.info("checked connection={} version={}: {}", job.connectionKey(), job.version(), result.outcome());
        return new CheckDone(job.connectionKey(), job.version(), Optional.of(result), rateLimit, started, ended);
    }

    private Secret open(CheckJob job) {
        ConnectionKey key = ConnectionKeys.of(job.subject().getConnection());
        return vault.decrypt(job.keys(), SecretBinding.forConnection(key, Purpose.ACCESS_TOKEN),
                SealedBytes.unwrap(job.subject().getAccessToken()));
    }

    private CheckDone nothingLearnt(CheckJob job, Instant started, String outcome) {
        metrics.result(outcome);
        return CheckDone.nothingLearnt(job, started, clock.instant());
    }

    private static ConnectionEvent event(CheckJob job, CheckResult result, Instant now) {
        return ConnectionEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setConnection(job.subject().getConnection())
                .setOccurredAt(now)
                .setBaseVersion(job.version())
                .setPayload(new CredentialChecked(result.outcome(), result.evidence(),
                        result.account().map(AccountRecords::of).orElse(null)))
                .build();
    }
}
