package io.authpipe.broker.http;

import io.authpipe.broker.api.ApiProblem;
import io.authpipe.broker.routing.Ownership;
import io.authpipe.broker.session.BrowserCookie;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a request on to the broker-api instance that owns its key (interactive-query routing) and relays the
 * answer. Peers are called with the scheme of this instance's advertised URL (https when configured) and
 * authenticate with the shared secret ({@link PeerAuth}); the request path goes on exactly as the client sent it
 * (still percent-encoded), with the caller's {@code Authorization}, {@code Origin}, {@code Accept}, Authpipe's
 * browser cookie and body, and nothing else of the caller's.
 * A request is forwarded at most once: if the receiving instance does not own the key either (a rebalance in
 * between), the caller gets 503 and retries.
 */
final class Forwarder {
    /** Answer headers relayed from the peer to the caller. */
    private static final List<String> RELAYED = List.of("Location", "Retry-After", "WWW-Authenticate", "Set-Cookie",
            "Access-Control-Allow-Origin", "Vary", "Content-Security-Policy");
    /** On an answer read from a standby copy: {@code standby}. */
    static final String REPLICA_HEADER = "Authpipe-Replica";
    private static final String FROM_STANDBY = "authpipe.fromStandby";
    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);

    private final OkHttpClient http;
    private final String scheme;
    private final PeerAuth peers;
    private final Clock clock;

    Forwarder(OkHttpClient http, String scheme, PeerAuth peers, Clock clock) {
        this.http = http;
        this.scheme = scheme;
        this.peers = peers;
        this.clock = clock;
    }

    /** Handles {@code ownership}: true when the request was answered here (forwarded or refused). */
    boolean handledElsewhere(Context ctx, Ownership ownership) {
        if (ownership instanceof Ownership.Local) {
            return false;
        }
        if (ownership instanceof Ownership.Remote remote && !peers.isPeer(ctx)) {
            try {
                relay(ctx, remote.host());
            } catch (IOException e) {
                throw peerUnreachable();
            }
            return true;
        }
        throw ApiProblem.unavailable("store_unavailable",
                "the connection store is rebalancing; retry shortly", clock.instant().plusSeconds(1)).toException();
    }

    /**
     * {@link #handledElsewhere} for a read that a standby copy may answer: false also when the owner does not answer
     * and this instance keeps a standby copy of the key's partition (the caller reads it, see
     * {@link #answeredFromStandby}). A dead owner keeps its partitions until its consumer session expires; the
     * standby answers in between.
     */
    boolean handledElsewhereOrByStandby(Context ctx, Ownership ownership) {
        if (ownership instanceof Ownership.Remote remote && remote.standbyHere() && !peers.isPeer(ctx)) {
            try {
                relay(ctx, remote.host());
                return true;
            } catch (IOException e) {
                LOG.debug("owner {} did not answer; reading this instance's standby copy", remote.host());
                ctx.attribute(FROM_STANDBY, Boolean.TRUE);
                ctx.header(REPLICA_HEADER, "standby");
                return false;
            }
        }
        return handledElsewhere(ctx, ownership);
    }

    /** Whether {@link #handledElsewhereOrByStandby} left the request to this instance's standby copy. */
    static boolean answeredFromStandby(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(FROM_STANDBY));
    }

    /** The answer when the owner does not answer and nothing here can stand in for it. */
    static RuntimeException peerUnreachable() {
        return ApiProblem.of(502, "instance_peer_unreachable",
                "the broker-api instance owning this connection did not answer").toException();
    }

    /** A GET of {@code pathAndQuery} on {@code host}, as a peer. */
    Response get(HostInfo host, String pathAndQuery, String authorization) throws IOException {
        Request.Builder request = new Request.Builder().url(url(host, pathAndQuery));
        return http.newCall(asPeer(request, authorization).build()).execute();
    }

    private Response call(HostInfo host, Context ctx) throws IOException {
        String pathAndQuery = PathParams.rawPath(ctx) + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        String contentType = ctx.contentType();
        String method = ctx.method().name();
        RequestBody body = method.equals("GET") || method.equals("DELETE") ? null
                : RequestBody.create(ctx.bodyAsBytes(), contentType == null ? null : MediaType.parse(contentType));
        Request.Builder request = new Request.Builder().url(url(host, pathAndQuery)).method(method, body);
        copy(ctx, request, "Origin");
        copy(ctx, request, "Accept");
        String cookie = ctx.cookie(BrowserCookie.NAME);
        if (cookie != null) {
            request.header("Cookie", BrowserCookie.NAME + "=" + cookie);
        }
        return http.newCall(asPeer(request, ctx.header("Authorization")).build()).execute();
    }

    private static void copy(Context ctx, Request.Builder request, String header) {
        String value = ctx.header(header);
        if (value != null) {
            request.header(header, value);
        }
    }

    private Request.Builder asPeer(Request.Builder request, String authorization) {
        request.header(PeerAuth.HEADER, peers.headerValue());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    private HttpUrl url(HostInfo host, String pathAndQuery) {
        HttpUrl url = HttpUrl.parse(scheme + "://" + hostPart(host) + ':' + host.port() + pathAndQuery);
        if (url == null) {
            throw ApiProblem.badRequest("invalid_path", "the request path cannot be forwarded").toException();
        }
        return url;
    }

    private static String hostPart(HostInfo host) {
        return host.host().contains(":") && !host.host().startsWith("[") ? "[" + host.host() + "]" : host.host();
    }

    private void relay(Context ctx, HostInfo host) throws IOException {
        try (Response response = call(host, ctx)) {
            ctx.status(response.code());
            for (String name : RELAYED) {
                String value = response.header(name);
                if (value != null) {
                    ctx.header(name, value);
                }
            }
            String contentType = response.header("Content-Type");
            if (contentType != null) {
                ctx.contentType(contentType);
            }
            ctx.result(response.body() == null ? new byte[0] : response.body().bytes());
        }
    }
}
