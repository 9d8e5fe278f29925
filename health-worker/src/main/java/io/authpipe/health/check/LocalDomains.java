package io.authpipe.health.check;

import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.mastodon.MastodonClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each instance's LOCAL_DOMAIN (the domain of its users' handles, which may differ from the API host, MASTODON.md
 * §9), asked once an hour per instance rather than once per check. Thread-safe.
 */
final class LocalDomains {
    private static final Duration KEEP = Duration.ofHours(1);

    private record Known(String domain, Instant askedAt) {
    }

    private final MastodonClient mastodon;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    LocalDomains(MastodonClient mastodon, Clock clock) {
        this.mastodon = mastodon;
        this.clock = clock;
    }

    /** @throws io.authpipe.mastodon.InstanceUnavailableException when it has to ask and the instance does not answer */
    String of(InstanceAddress instance) {
        Instant now = clock.instant();
        Known cached = known.get(instance.origin());
        if (cached != null && cached.askedAt().plus(KEEP).isAfter(now)) {
            return cached.domain();
        }
        String domain = mastodon.localDomain(instance);
        known.put(instance.origin(), new Known(domain, now));
        return domain;
    }
}
