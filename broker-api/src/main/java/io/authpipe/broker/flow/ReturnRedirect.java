package io.authpipe.broker.flow;

import io.authpipe.events.PendingAuthorization;
import okhttp3.HttpUrl;

/**
 * Builds the redirect back to the tenant's {@code returnTo}, keeping its query and adding
 * {@code authpipe_status} ({@code connected} or {@code error}), {@code authpipe_provider}, {@code authpipe_user}
 * and, on error, {@code authpipe_error}.
 */
final class ReturnRedirect {
    private ReturnRedirect() {
    }

    static CallbackOutcome connected(PendingAuthorization flow) {
        return new CallbackOutcome.Redirect(base(flow).addQueryParameter("authpipe_status", "connected").build().toString());
    }

    static CallbackOutcome failed(PendingAuthorization flow, String error) {
        return new CallbackOutcome.Redirect(base(flow).addQueryParameter("authpipe_status", "error")
                .addQueryParameter("authpipe_error", error).build().toString());
    }

    private static HttpUrl.Builder base(PendingAuthorization flow) {
        return HttpUrl.get(flow.getReturnTo()).newBuilder()
                .addQueryParameter("authpipe_provider", flow.getConnection().getProvider())
                .addQueryParameter("authpipe_user", flow.getConnection().getUserId());
    }
}
