package io.authpipe.sandbox.mastodon.internal.operator;

import io.authpipe.sandbox.mastodon.RefreshFault;
import io.authpipe.sandbox.mastodon.internal.web.Params;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * The parameters of {@code POST /_sandbox/refreshes/fail}: {@code fault} (one of {@code server_error},
 * {@code proxy_page}, {@code throttled}, {@code throttled_with_retry_after}, {@code slow_answer}), {@code times}
 * (default 1) and, for the last three, {@code seconds} (the throttle window or the delay; decimals allowed).
 *
 * @param fault the fault to arm
 * @param name  its wire name
 * @param times how many refresh requests meet it
 */
record RefreshFaultForm(RefreshFault fault, String name, int times) {

    /**
     * Reads the form.
     *
     * @throws IllegalArgumentException with a message for the client when a parameter is missing or malformed
     */
    static RefreshFaultForm parse(Params params) {
        String name = params.string("fault");
        if (name == null) {
            throw new IllegalArgumentException("fault is required: server_error, proxy_page, throttled, "
                    + "throttled_with_retry_after or slow_answer");
        }
        return new RefreshFaultForm(fault(name, params), name, times(params.string("times")));
    }

    private static RefreshFault fault(String name, Params params) {
        return switch (name) {
            case "server_error" -> RefreshFault.serverError();
            case "proxy_page" -> RefreshFault.proxyPage();
            case "throttled" -> RefreshFault.throttled(seconds(params));
            case "throttled_with_retry_after" -> RefreshFault.throttledWithRetryAfter(seconds(params));
            case "slow_answer" -> RefreshFault.slowAnswer(seconds(params));
            default -> throw new IllegalArgumentException("unknown fault: " + name);
        };
    }

    private static int times(String value) {
        if (value == null) {
            return 1;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("times must be a whole number, was " + value);
        }
    }

    private static Duration seconds(Params params) {
        String value = params.string("seconds");
        if (value == null) {
            throw new IllegalArgumentException("seconds is required for this fault");
        }
        try {
            return Duration.ofNanos(new BigDecimal(value.trim()).movePointRight(9)
                    .setScale(0, RoundingMode.CEILING).longValueExact());
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("seconds must be a number, was " + value);
        }
    }
}
