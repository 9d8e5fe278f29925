package io.authpipe.mastodon.internal;

import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.mastodon.InstanceUnavailableException;
import java.util.Set;

/**
 * Turns an HTTP answer that says nothing about the request into {@link InstanceUnavailableException}, deciding
 * from the status whether the server may have processed it. Only gateway statuses that mean "I forwarded the
 * request and got no (valid) answer in time" count: 502 Bad Gateway and 504 Gateway Timeout (RFC 9110 §15.6.3,
 * §15.6.5), and Cloudflare's 520 (origin returned an empty or unexpected answer) and 524 (origin took too long to
 * answer). A 2xx whose body cannot be read (not JSON, oversized) counts too: the server said it handled the
 * request. A 500 or 503, or a proxy's challenge page (403, 503), comes from something that refused or failed to
 * handle it.
 */
final class UnusableAnswers {
    private static final Set<Integer> GATEWAY_WITHOUT_ANSWER = Set.of(502, 504, 520, 524);

    private UnusableAnswers() {
    }

    /** {@code "<origin> answered HTTP <status><detail>"}, marked maybe processed for 2xx and gateway statuses. */
    static InstanceUnavailableException status(InstanceAddress instance, int status, String detail) {
        String message = instance.origin() + " answered HTTP " + status + detail;
        return mayHaveBeenProcessed(status)
                ? InstanceUnavailableException.mayHaveBeenProcessed(message)
                : new InstanceUnavailableException(message);
    }

    private static boolean mayHaveBeenProcessed(int status) {
        return (status >= 200 && status < 300) || GATEWAY_WITHOUT_ANSWER.contains(status);
    }
}
