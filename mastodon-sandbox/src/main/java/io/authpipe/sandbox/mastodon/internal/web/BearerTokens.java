package io.authpipe.sandbox.mastodon.internal.web;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Doorkeeper's default token extraction ({@code MASTODON.md} §10 "Token transport"): {@code Authorization: Bearer}
 * (scheme case-insensitive), else the {@code access_token} or {@code bearer_token} parameter.
 */
public final class BearerTokens {

    private static final Pattern BEARER = Pattern.compile("^Bearer\\s+(.+)$", Pattern.CASE_INSENSITIVE);

    private BearerTokens() {
    }

    /** The presented token, if any. */
    public static Optional<String> from(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null) {
            Matcher matcher = BEARER.matcher(header.trim());
            if (matcher.matches()) {
                return Optional.of(matcher.group(1).trim());
            }
        }
        Params params = Params.of(ctx);
        return Optional.ofNullable(params.string("access_token"))
                .or(() -> Optional.ofNullable(params.string("bearer_token")))
                .filter(token -> !token.isBlank());
    }
}
