package io.authpipe.broker.flow;

import io.authpipe.events.BrowserBinding;
import io.authpipe.events.PendingAuthorization;
import okhttp3.HttpUrl;

/**
 * Where the browser goes when a flow ends. A popup, or a flow without a {@code returnTo}, gets the finish page;
 * otherwise a redirect to the tenant's {@code returnTo}, keeping its query and adding {@code authpipe_status}
 * ({@code connected} or {@code error}), {@code authpipe_provider}, {@code authpipe_user},
 * {@code authpipe_session} and, on error, {@code authpipe_error}.
 */
final class ReturnRedirect {
    static final String POPUP = "popup";

    private ReturnRedirect() {
    }

    static CallbackOutcome of(PendingAuthorization flow, FlowResult result) {
        BrowserBinding browser = flow.getBrowser();
        if (browser.getMode().equals(POPUP) || flow.getReturnTo().isEmpty()) {
            return new CallbackOutcome.Finish(result, browser);
        }
        HttpUrl.Builder url = HttpUrl.get(flow.getReturnTo()).newBuilder()
                .addQueryParameter("authpipe_status", result.isConnected() ? "connected" : "error")
                .addQueryParameter("authpipe_provider", result.provider())
                .addQueryParameter("authpipe_user", result.userId())
                .addQueryParameter("authpipe_session", browser.getSessionId());
        result.error().ifPresent(error -> url.addQueryParameter("authpipe_error", error));
        return new CallbackOutcome.Redirect(url.build().toString());
    }
}
