package io.authpipe.shape;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the shape's Mastodon sandbox behaves (see {@code SandboxProcessSettings} in the sandbox module).
 *
 * @param tokenTtl   expiring tokens with refresh tokens after this ({@code 6s}, {@code 2m}); empty: never expire
 * @param rotate     refresh tokens rotate, and a replayed one is detected (the grant revoked)
 * @param flakiness  share of time the server is down behind its proxy, in half-second outages
 * @param extraUsers users {@code user1..userN} beside alice and bob
 */
public record SandboxSpec(Optional<String> tokenTtl, boolean rotate, double flakiness, int extraUsers) {

    /** The environment of the sandbox process on {@code port}. */
    Map<String, String> env(int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AUTHPIPE_SANDBOX_PORT", Integer.toString(port));
        tokenTtl.ifPresent(ttl -> env.put("AUTHPIPE_SANDBOX_TOKEN_TTL", ttl));
        env.put("AUTHPIPE_SANDBOX_ROTATE_REFRESH_TOKENS", Boolean.toString(rotate));
        env.put("AUTHPIPE_SANDBOX_FLAKINESS", Double.toString(flakiness));
        env.put("AUTHPIPE_SANDBOX_USERS", Integer.toString(extraUsers));
        env.put("AUTHPIPE_SANDBOX_RATE_LIMITS", "relaxed");
        return env;
    }
}
