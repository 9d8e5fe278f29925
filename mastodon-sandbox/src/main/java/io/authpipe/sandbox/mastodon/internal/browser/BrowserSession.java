package io.authpipe.sandbox.mastodon.internal.browser;

import io.authpipe.sandbox.mastodon.SandboxBrowser.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One walk through the authorize flow starting at an authorize URL: follows sandbox-internal redirects, signs in,
 * submits the consent form, and stops at the first redirect that leaves the flow.
 */
public final class BrowserSession {

    private static final int MAX_STEPS = 10;

    private final OkHttpClient client;
    private final URI start;

    /** A walk from {@code authorizeUrl} using {@code client} (which must not follow redirects). */
    public BrowserSession(OkHttpClient client, URI authorizeUrl) {
        this.client = client;
        this.start = authorizeUrl;
    }

    /** Signs in if needed and answers the consent page; returns the client redirect. */
    public URI complete(String username, String password, boolean deny) {
        Page page = open(username, password);
        Optional<HtmlForm> consent = consentForm(page, deny);
        if (consent.isPresent()) {
            page = follow(submit(consent.get()), username, password);
        }
        if (page.location() == null) {
            throw new IllegalStateException("authorization did not complete: HTTP " + page.status() + " "
                    + PageText.summary(page.body()));
        }
        return URI.create(page.location());
    }

    /** Signs in if asked and returns the first page or outbound redirect of the flow. */
    public Page open(String username, String password) {
        return follow(get(start), username, password);
    }

    private Page follow(Page page, String username, String password) {
        Page current = page;
        for (int step = 0; step < MAX_STEPS; step++) {
            if (current.location() != null && isInternal(URI.create(current.location()))) {
                current = get(URI.create(current.location()));
            } else if (signInForm(current).isPresent()) {
                current = signIn(signInForm(current).get(), username, password);
            } else {
                return current;
            }
        }
        throw new IllegalStateException("too many redirects in the authorize flow");
    }

    private Page signIn(HtmlForm form, String username, String password) {
        Map<String, String> fields = new java.util.LinkedHashMap<>(form.fields());
        fields.put("user[email]", username);
        fields.put("user[password]", password);
        Page answer = post(form.action(), fields);
        if (signInForm(answer).isPresent()) {
            throw new IllegalStateException("sign-in refused for " + username + ": " + PageText.summary(answer.body()));
        }
        return answer;
    }

    /** Redirects to sign-in, to authorize itself and to the account page stay in the flow; the OOB page does not. */
    private boolean isInternal(URI target) {
        boolean sameOrigin = Optional.ofNullable(target.getScheme()).orElse("").equals(start.getScheme())
                && Optional.ofNullable(target.getHost()).orElse("").equals(start.getHost())
                && target.getPort() == start.getPort();
        return sameOrigin && List.of("/auth/sign_in", "/oauth/authorize", "/auth/edit").contains(target.getPath());
    }

    private static Optional<HtmlForm> signInForm(Page page) {
        return page.status() == 200 ? HtmlForm.parseAll(page.body()).stream()
                .filter(form -> form.postsTo("/auth/sign_in")).findFirst() : Optional.empty();
    }

    private static Optional<HtmlForm> consentForm(Page page, boolean deny) {
        return page.status() == 200 ? HtmlForm.parseAll(page.body()).stream()
                .filter(form -> form.postsTo("/oauth/authorize"))
                .filter(form -> deny == "delete".equals(form.fields().get("_method"))).findFirst() : Optional.empty();
    }

    private Page submit(HtmlForm form) {
        return post(form.action(), form.fields());
    }

    private Page get(URI url) {
        return execute(new Request.Builder().url(url.toString()).get().build());
    }

    private Page post(String action, Map<String, String> fields) {
        FormBody.Builder body = new FormBody.Builder();
        fields.forEach(body::add);
        return execute(new Request.Builder().url(start.resolve(action).toString()).post(body.build()).build());
    }

    private Page execute(Request request) {
        try (Response response = client.newCall(request).execute()) {
            ResponseBody body = response.body();
            String location = response.header("Location");
            String absolute = location == null ? null : request.url().uri().resolve(location).toString();
            return new Page(response.code(), body == null ? "" : body.string(), absolute);
        } catch (IOException e) {
            throw new UncheckedIOException("request to the sandbox failed: " + request.method() + " "
                    + request.url().encodedPath(), e);
        }
    }
}
