package io.authpipe.mastodon.internal;

import okhttp3.Interceptor;
import okhttp3.Request;

/**
 * Whether a call got as far as writing its request to a connection, so that a failure can be told apart: before,
 * the server cannot have seen the request (DNS, SSRF guard, connect, TLS handshake); after, it may have processed
 * it. One instance travels as a tag on one request, across OkHttp's own retries; {@link #NETWORK_INTERCEPTOR}
 * (installed as a network interceptor, which OkHttp runs once a connection is established and just before the
 * request is written) marks it.
 */
final class RequestProgress {
    /** Marks the request's progress, if it carries one, then proceeds. */
    static final Interceptor NETWORK_INTERCEPTOR = chain -> {
        RequestProgress progress = chain.request().tag(RequestProgress.class);
        if (progress != null) {
            progress.sending = true;
        }
        return chain.proceed(chain.request());
    };

    private volatile boolean sending;

    /** {@code request} carrying a fresh progress marker, read back with {@link #of(Request)}. */
    static Request track(Request request) {
        return request.newBuilder().tag(RequestProgress.class, new RequestProgress()).build();
    }

    /** The marker {@link #track} attached. */
    static RequestProgress of(Request tracked) {
        return tracked.tag(RequestProgress.class);
    }

    /** Whether writing the request to a connection began (in any attempt). */
    boolean sendingStarted() {
        return sending;
    }
}
