package io.authpipe.sandbox.mastodon.internal.operator;

import io.authpipe.sandbox.mastodon.Outage;

/**
 * The wire names of {@link Outage}s in {@code /_sandbox/outage}: {@code proxy_page}, {@code server_error},
 * {@code bad_gateway}.
 */
final class OutageKinds {

    private OutageKinds() {
    }

    /**
     * The outage called {@code kind}.
     *
     * @throws IllegalArgumentException with a message for the client when {@code kind} is missing or unknown
     */
    static Outage parse(String kind) {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required: proxy_page, server_error or bad_gateway");
        }
        return switch (kind) {
            case "proxy_page" -> Outage.proxyPage();
            case "server_error" -> Outage.serverError();
            case "bad_gateway" -> Outage.badGateway();
            default -> throw new IllegalArgumentException("unknown outage kind: " + kind);
        };
    }

    /** The wire name of {@code outage}. */
    static String nameOf(Outage outage) {
        if (outage instanceof Outage.ProxyPage) {
            return "proxy_page";
        } else if (outage instanceof Outage.ServerError) {
            return "server_error";
        } else if (outage instanceof Outage.BadGateway) {
            return "bad_gateway";
        }
        throw new IllegalStateException("unnamed outage " + outage);
    }
}
