package io.authpipe.broker.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Counts every answered request by method, route template and status ({@code authpipe_http_requests_total}): a
 * route, never a path, so no user id or tenant ever becomes a label. Served, with the other meters of the
 * registry, at {@code GET /admin/metrics} (the admin token; Prometheus sends it as a bearer token).
 */
final class HttpMetrics {
    private final PrometheusMeterRegistry meters;

    HttpMetrics(PrometheusMeterRegistry meters) {
        this.meters = meters;
    }

    /** The Prometheus exposition of every meter. */
    void serve(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(meters.scrape());
    }

    void count(Context ctx) {
        String route = ctx.endpointHandlerPath();
        Counter.builder("authpipe_http_requests")
                .description("HTTP requests answered, by method, route template and status")
                .tag("method", ctx.method().name())
                .tag("route", route == null || route.isEmpty() || route.equals("*") ? "unmatched" : route)
                .tag("status", Integer.toString(ctx.statusCode()))
                .register(meters)
                .increment();
    }
}
