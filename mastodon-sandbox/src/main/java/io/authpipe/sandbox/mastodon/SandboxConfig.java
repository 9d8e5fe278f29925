package io.authpipe.sandbox.mastodon;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable start-up configuration of a {@link MastodonSandbox}, validated once here.
 *
 * @param bindHost    interface to listen on; loopback ({@code 127.0.0.1}) unless you really mean otherwise
 * @param port        TCP port, {@code 0} for an ephemeral port (see {@link MastodonSandbox#port()})
 * @param localDomain Mastodon's LOCAL_DOMAIN: the handle domain reported as {@code domain} by
 *                    {@code /api/v2/instance}. It deliberately differs from the web address
 *                    ({@link MastodonSandbox#baseUrl()}), as on real servers ({@code MASTODON.md} §9).
 * @param version     Mastodon release line to imitate
 * @param tokenPolicy how tokens expire and refresh
 * @param rateLimits  throttles on {@code /api}
 * @param users       seeded local accounts (unique usernames, case-insensitive)
 * @param clock       the only time source of the sandbox: token ages, code expiry, throttle windows
 */
public record SandboxConfig(String bindHost, int port, String localDomain, MastodonVersion version,
                            TokenPolicy tokenPolicy, RateLimits rateLimits, List<SandboxUser> users, Clock clock) {

    /** Validates and copies {@code users}. */
    public SandboxConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(localDomain, "localDomain");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(tokenPolicy, "tokenPolicy");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(clock, "clock");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (localDomain.isBlank()) {
            throw new IllegalArgumentException("localDomain must not be blank");
        }
        users = List.copyOf(users);
        requireUniqueUsernames(users);
    }

    /**
     * {@code 127.0.0.1}, ephemeral port, LOCAL_DOMAIN {@code sandbox.authpipe.test}, {@link MastodonVersion#V4_7},
     * {@link TokenPolicy#neverExpire()}, {@link RateLimits#mastodonDefaults()}, users {@link SandboxUser#ALICE} and
     * {@link SandboxUser#BOB}, {@link Clock#systemUTC()}.
     */
    public static SandboxConfig defaults() {
        return new SandboxConfig("127.0.0.1", 0, "sandbox.authpipe.test", MastodonVersion.V4_7,
                TokenPolicy.neverExpire(), RateLimits.mastodonDefaults(),
                List.of(SandboxUser.ALICE, SandboxUser.BOB), Clock.systemUTC());
    }

    /** A copy listening on {@code newBindHost}. */
    public SandboxConfig withBindHost(String newBindHost) {
        return new SandboxConfig(newBindHost, port, localDomain, version, tokenPolicy, rateLimits, users, clock);
    }

    /** A copy listening on {@code newPort} ({@code 0} = ephemeral). */
    public SandboxConfig withPort(int newPort) {
        return new SandboxConfig(bindHost, newPort, localDomain, version, tokenPolicy, rateLimits, users, clock);
    }

    /** A copy with another LOCAL_DOMAIN. */
    public SandboxConfig withLocalDomain(String newLocalDomain) {
        return new SandboxConfig(bindHost, port, newLocalDomain, version, tokenPolicy, rateLimits, users, clock);
    }

    /** A copy imitating another Mastodon line. */
    public SandboxConfig withVersion(MastodonVersion newVersion) {
        return new SandboxConfig(bindHost, port, localDomain, newVersion, tokenPolicy, rateLimits, users, clock);
    }

    /** A copy with another token policy. */
    public SandboxConfig withTokenPolicy(TokenPolicy newPolicy) {
        return new SandboxConfig(bindHost, port, localDomain, version, newPolicy, rateLimits, users, clock);
    }

    /** A copy with other throttles. */
    public SandboxConfig withRateLimits(RateLimits newLimits) {
        return new SandboxConfig(bindHost, port, localDomain, version, tokenPolicy, newLimits, users, clock);
    }

    /** A copy seeded with other users. */
    public SandboxConfig withUsers(List<SandboxUser> newUsers) {
        return new SandboxConfig(bindHost, port, localDomain, version, tokenPolicy, rateLimits, newUsers, clock);
    }

    /** A copy reading time from {@code newClock} (tests pass a clock they can advance). */
    public SandboxConfig withClock(Clock newClock) {
        return new SandboxConfig(bindHost, port, localDomain, version, tokenPolicy, rateLimits, users, newClock);
    }

    private static void requireUniqueUsernames(List<SandboxUser> users) {
        Set<String> seen = new HashSet<>();
        for (SandboxUser user : users) {
            if (!seen.add(user.username().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("duplicate username: " + user.username());
            }
        }
    }
}
