package io.authpipe.broker.session;

import io.authpipe.broker.flow.StateToken;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The cookie that binds a flow to the browser that clicked on the connect page: 256 random bits, HttpOnly,
 * SameSite=Lax (sent on the provider's top-level redirect to the callback, not on cross-site subrequests), Secure
 * under https, scoped to the callback's path. The flow stores only its hash; a browser keeps one value for all its
 * flows, so two tabs connecting at once both work.
 */
public final class BrowserCookie {
    public static final String NAME = "authpipe_browser";
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private BrowserCookie() {
    }

    /** The browser's cookie, if it sent a well-formed one, or a new value. */
    static String reuseOrMint(Optional<String> sent) {
        return sent.filter(v -> VALUE.matcher(v).matches()).orElseGet(() -> StateToken.generate().reveal());
    }

    static String hash(String value) {
        return StateToken.hash(value);
    }

    /** The {@code Set-Cookie} value. */
    public static String header(String value, boolean secure, Duration maxAge) {
        return NAME + "=" + value + "; Path=/v1/oauth; Max-Age=" + maxAge.toSeconds() + "; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : "");
    }
}
