package io.authpipe.sandbox.mastodon;

/**
 * How the whole server appears down behind its proxy, started with {@link SandboxOperator#startOutage(Outage)}:
 * until {@link SandboxOperator#endOutage()}, every request (API, OAuth, discovery, web pages, unknown paths) gets the
 * outage's answer and never reaches the server, so nothing is counted, throttled, refreshed or revoked. Only the
 * operator endpoints under {@code /_sandbox} keep working. A broker must treat every one of these answers as a
 * transient upstream error, never as a revocation ({@code MASTODON.md} §9 "Cloudflare and other proxies").
 */
public sealed interface Outage {

    /**
     * {@code 503}, {@code text/html}: the Cloudflare-like error page of {@link RefreshFault#proxyPage()}, with
     * {@code Server: cloudflare}.
     */
    static Outage proxyPage() {
        return new ProxyPage();
    }

    /** {@code 500 {"error":"We're sorry, but something went wrong on our end"}}: Rails crashes on every request. */
    static Outage serverError() {
        return new ServerError();
    }

    /** {@code 502}, {@code text/html}: nginx's "502 Bad Gateway" page, as when Puma is down behind it. */
    static Outage badGateway() {
        return new BadGateway();
    }

    /** See {@link Outage#proxyPage()}. */
    record ProxyPage() implements Outage {
    }

    /** See {@link Outage#serverError()}. */
    record ServerError() implements Outage {
    }

    /** See {@link Outage#badGateway()}. */
    record BadGateway() implements Outage {
    }
}
