package io.authpipe.sdk;

import io.authpipe.sdk.internal.ApiKeys;
import io.authpipe.sdk.internal.CredentialCache;
import io.authpipe.sdk.internal.SdkCore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The Authpipe client of one tenant: {@link #getCredential} answers from an in-process cache that the server's event
 * stream keeps current, and asks the server only on a miss (the rules: {@code docs/sdk-cache.md}). Build one per
 * process and share it; it is thread-safe. {@link #close()} stops its stream and threads.
 *
 * <pre>{@code
 * Authpipe authpipe = Authpipe.builder().apiKey(System.getenv("AUTHPIPE_API_KEY"))
 *         .baseUrl(URI.create("https://authpipe.example.com")).build();
 * Credential c = authpipe.getCredential("mastodon", "acme", "user_123");
 * mastodon.get(url, "Bearer " + c.token().reveal());
 * }</pre>
 */
public final class Authpipe implements AutoCloseable {
    private final String tenantId;
    private final SdkCore core;
    private final CredentialCache cache;

    private Authpipe(String tenantId, SdkCore core) {
        this.tenantId = tenantId.intern(); // callers pass constants: the check below is then an identity comparison
        this.core = core;
        this.cache = core.cache();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The credential of {@code userId}'s {@code provider} connection in {@code tenantId}, which must be the API
     * key's tenant. A cache hit does no I/O and allocates nothing.
     *
     * @throws TenantMismatchException       {@code tenantId} is not the key's tenant (before any I/O)
     * @throws ConnectionNotFoundException   no such connection
     * @throws ConnectionRevokedException    the connection holds no usable token (cached: thrown again without I/O)
     * @throws CredentialExpiredException    the token expired and is being refreshed: retry after its retryAfter
     * @throws RateLimitedException          retry after its retryAfter
     * @throws UnauthorizedException         the API key is not (or no longer) valid
     * @throws AuthpipeUnavailableException  unreachable or 5xx after two retries
     */
    public Credential getCredential(String provider, String tenantId, String userId) {
        if (this.tenantId != tenantId && !this.tenantId.equals(tenantId)) {
            throw new TenantMismatchException("this client serves tenant " + this.tenantId + ", not " + tenantId);
        }
        return cache.get(provider, userId);
    }

    /** {@link #getCredential(String, String, String)} in the API key's tenant. */
    public Credential getCredential(String provider, String userId) {
        return cache.get(provider, userId);
    }

    /** The tenant of the API key. */
    public String tenantId() {
        return tenantId;
    }

    public CacheMetrics metrics() {
        return core.metrics();
    }

    public StreamState streamState() {
        return core.streamState();
    }

    /** Stops the event stream and the client's threads; later calls fail. Idempotent. */
    @Override
    public void close() {
        core.close();
    }

    @Override
    public String toString() {
        return "Authpipe[tenant=" + tenantId + ", stream=" + streamState() + "]";
    }

    /** Options of a client; only the API key is required. */
    public static final class Builder {
        private String apiKey;
        private URI baseUrl = URI.create("http://localhost:8080");
        private Duration expiryMargin = Duration.ofSeconds(60);
        private Duration maxStaleness = Duration.ofSeconds(30);
        private int maxEntries = 10_000;
        private Duration timeout = Duration.ofSeconds(10);
        private Clock clock;

        private Builder() {
        }

        /** The tenant's API key, {@code ap_<tenantId>_<secret>}; the tenant is read from it. */
        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        /** Where broker-api answers; default {@code http://localhost:8080}. */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /** A cached token is not handed out within this of its expiry (default 60 s): it is fetched again. */
        public Builder expiryMargin(Duration expiryMargin) {
            this.expiryMargin = nonNegative(expiryMargin, "expiryMargin");
            return this;
        }

        /** While the event stream is down, an entry confirmed longer ago than this is fetched again (default 30 s). */
        public Builder maxStaleness(Duration maxStaleness) {
            this.maxStaleness = nonNegative(maxStaleness, "maxStaleness");
            return this;
        }

        /** The most entries cached (default 10,000); the least recently used go beyond it. */
        public Builder maxEntries(int maxEntries) {
            if (maxEntries < 1) {
                throw new IllegalArgumentException("maxEntries must be at least 1");
            }
            this.maxEntries = maxEntries;
            return this;
        }

        /** Connect and response timeout of one request (default 10 s). */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * The clock expiry and staleness are judged by, read on every call. Default: the system clock, read every
         * 5 ms by the client's timer thread instead, because reading it costs several times a cache hit on many
         * virtual machines; the judgement may then lag by those few milliseconds.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Validates the options and starts the client (its event stream connects in the background). */
        public Authpipe build() {
            if (apiKey == null) {
                throw new IllegalStateException("an API key is required");
            }
            String tenant = ApiKeys.tenantOf(apiKey).orElseThrow(() -> new IllegalArgumentException(
                    "the API key is not of the form ap_<tenantId>_<43 characters>"));
            String base = baseUrl.toString();
            URI root = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
            return new Authpipe(tenant, SdkCore.start(new SdkCore.Settings(apiKey, root, expiryMargin,
                    maxStaleness, maxEntries, timeout, clock)));
        }

        private static Duration nonNegative(Duration value, String name) {
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return value;
        }
    }
}
