package io.authpipe.sandbox.mastodon.process;

import io.authpipe.sandbox.mastodon.RateLimits;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import io.authpipe.sandbox.mastodon.SandboxUser;
import io.authpipe.sandbox.mastodon.TokenPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a sandbox started as its own process ({@link SandboxMain}) behaves, from the environment.
 *
 * @param port        {@code AUTHPIPE_SANDBOX_PORT}, default 8090 (0: a free port)
 * @param tokenTtl    {@code AUTHPIPE_SANDBOX_TOKEN_TTL} ({@code 20s}, {@code 2m}): Pleroma-like expiring tokens
 *                    with refresh tokens; unset: stock Mastodon, tokens never expire
 * @param rotate      {@code AUTHPIPE_SANDBOX_ROTATE_REFRESH_TOKENS} (default true): each refresh rotates the
 *                    refresh token, and presenting a rotated one is taken for theft (the grant is revoked and
 *                    {@code replays_detected} of {@code GET /_sandbox/refreshes} counts it)
 * @param flakiness   {@code AUTHPIPE_SANDBOX_FLAKINESS} (0 to 1, default 0): the share of time the server is down
 *                    behind its proxy, in short random outages ({@link FlakyProxy})
 * @param extraUsers  {@code AUTHPIPE_SANDBOX_USERS} (default 0): users {@code user1}..{@code userN} (password
 *                    {@code userN-password}) beside alice and bob, so one tenant can connect many accounts
 * @param relaxedRateLimits {@code AUTHPIPE_SANDBOX_RATE_LIMITS=relaxed}: limits a load test does not meet; default
 *                    {@code mastodon}
 */
public record SandboxProcessSettings(int port, Optional<Duration> tokenTtl, boolean rotate, double flakiness,
                                     int extraUsers, boolean relaxedRateLimits) {

    public SandboxProcessSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("AUTHPIPE_SANDBOX_PORT must be 0..65535, was " + port);
        }
        if (!(flakiness >= 0 && flakiness < 1)) {
            throw new IllegalArgumentException("AUTHPIPE_SANDBOX_FLAKINESS must be at least 0 and below 1, was "
                    + flakiness);
        }
        if (extraUsers < 0 || extraUsers > 10_000) {
            throw new IllegalArgumentException("AUTHPIPE_SANDBOX_USERS must be 0..10000, was " + extraUsers);
        }
    }

    public static SandboxProcessSettings fromEnv(Function<String, String> env) {
        String limits = value(env, "AUTHPIPE_SANDBOX_RATE_LIMITS").orElse("mastodon").toLowerCase(Locale.ROOT);
        if (!limits.equals("mastodon") && !limits.equals("relaxed")) {
            throw new IllegalArgumentException("AUTHPIPE_SANDBOX_RATE_LIMITS must be mastodon or relaxed, was '"
                    + limits + "'");
        }
        return new SandboxProcessSettings(
                value(env, "AUTHPIPE_SANDBOX_PORT").map(v -> parseInt("AUTHPIPE_SANDBOX_PORT", v)).orElse(8090),
                value(env, "AUTHPIPE_SANDBOX_TOKEN_TTL").map(SandboxProcessSettings::duration),
                value(env, "AUTHPIPE_SANDBOX_ROTATE_REFRESH_TOKENS").map(Boolean::parseBoolean).orElse(true),
                value(env, "AUTHPIPE_SANDBOX_FLAKINESS").map(SandboxProcessSettings::fraction).orElse(0.0),
                value(env, "AUTHPIPE_SANDBOX_USERS").map(v -> parseInt("AUTHPIPE_SANDBOX_USERS", v)).orElse(0),
                limits.equals("relaxed"));
    }

    /** The sandbox's start-up configuration on 127.0.0.1. */
    public SandboxConfig toConfig() {
        List<SandboxUser> users = new ArrayList<>(List.of(SandboxUser.ALICE, SandboxUser.BOB));
        for (int i = 1; i <= extraUsers; i++) {
            users.add(extraUser(i));
        }
        SandboxConfig config = SandboxConfig.defaults().withPort(port).withUsers(users)
                .withTokenPolicy(tokenTtl.map(ttl -> TokenPolicy.expiring(ttl, rotate))
                        .orElse(TokenPolicy.neverExpire()));
        return relaxedRateLimits
                ? config.withRateLimits(new RateLimits(100_000, Duration.ofMinutes(10), 1_000_000, 1_000_000,
                        1_000_000, Duration.ofMinutes(5)))
                : config;
    }

    /** The {@code i}-th extra user: {@code user<i>}, password {@code user<i>-password}. */
    public static SandboxUser extraUser(int i) {
        return new SandboxUser("user" + i, "user" + i + "@sandbox.authpipe.test", "user" + i + "-password",
                "User " + i, "en");
    }

    private static Optional<String> value(Function<String, String> env, String name) {
        return Optional.ofNullable(env.apply(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }

    private static double fraction(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("AUTHPIPE_SANDBOX_FLAKINESS must be a number, was '" + value + "'");
        }
    }

    /** {@code 500ms}, {@code 20s}, {@code 2m}, {@code 1h}. */
    static Duration duration(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return positive(Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2))));
            }
            long amount = Long.parseLong(v.substring(0, v.length() - 1));
            return positive(switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new NumberFormatException();
            });
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("AUTHPIPE_SANDBOX_TOKEN_TTL must be a positive duration such as 20s,"
                    + " 2m or 1h, was '" + value + "'");
        }
    }

    private static Duration positive(Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("not positive");
        }
        return d;
    }
}
