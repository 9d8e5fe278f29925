package io.authpipe.broker.http;

import io.authpipe.broker.api.ApiProblem;
import io.authpipe.broker.routing.Ownership;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Sends a request on to the broker-api instance that owns its key (interactive-query routing) and relays the
 * answer. A request is forwarded at most once: if the receiving instance does not own the key either (a rebalance
 * in between), the caller gets 503 and retries.
 */
final class Forwarder {
    static final String FORWARDED_HEADER = "X-Authpipe-Forwarded";

    private final OkHttpClient http = new OkHttpClient.Builder()
            .followRedirects(false).callTimeout(Duration.ofSeconds(30)).build();
    private final Clock clock;

    Forwarder(Clock clock) {
        this.clock = clock;
    }

    /** Handles {@code ownership}: true when the request was answered here (forwarded or refused). */
    boolean handledElsewhere(Context ctx, Ownership ownership) {
        if (ownership instanceof Ownership.Local) {
            return false;
        }
        if (ownership instanceof Ownership.Remote remote && ctx.header(FORWARDED_HEADER) == null) {
            relay(ctx, remote.host());
            return true;
        }
        throw ApiProblem.unavailable("store_unavailable",
                "the connection store is rebalancing; retry shortly", clock.instant().plusSeconds(1)).toException();
    }

    /** A GET of {@code pathAndQuery} on {@code host}, marked as forwarded. */
    Response get(HostInfo host, String pathAndQuery, String authorization) throws IOException {
        Request.Builder request = new Request.Builder().url("http://" + host.host() + ':' + host.port() + pathAndQuery)
                .header(FORWARDED_HEADER, "1");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.newCall(request.build()).execute();
    }

    private Response call(HostInfo host, Context ctx) throws IOException {
        String url = "http://" + host.host() + ':' + host.port() + ctx.path()
                + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        Request.Builder request = new Request.Builder().url(url).header(FORWARDED_HEADER, "1");
        String auth = ctx.header("Authorization");
        if (auth != null) {
            request.header("Authorization", auth);
        }
        String contentType = ctx.contentType();
        RequestBody body = ctx.method().name().equals("GET") || ctx.method().name().equals("DELETE")
                ? null : RequestBody.create(ctx.bodyAsBytes(), contentType == null ? null : MediaType.get(contentType));
        return http.newCall(request.method(ctx.method().name(), body).build()).execute();
    }

    private void relay(Context ctx, HostInfo host) {
        try (Response response = call(host, ctx)) {
            ctx.status(response.code());
            String location = response.header("Location");
            if (location != null) {
                ctx.header("Location", location);
            }
            String contentType = response.header("Content-Type");
            if (contentType != null) {
                ctx.contentType(contentType);
            }
            ctx.result(response.body() == null ? new byte[0] : response.body().bytes());
        } catch (IOException e) {
            throw ApiProblem.of(502, "instance_peer_unreachable",
                    "the broker-api instance owning this connection did not answer").toException();
        }
    }
}
