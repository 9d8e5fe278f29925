package io.authpipe.sandbox.mastodon;

import io.authpipe.sandbox.mastodon.internal.browser.BrowserSession;
import io.authpipe.sandbox.mastodon.internal.browser.MemoryCookieJar;
import java.net.URI;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * A scripted browser for the sandbox's authorize flow: OkHttp with its own cookie jar and
 * {@code followRedirects(false)}, so each hop is visible. One instance is one browser profile: once signed in it
 * stays signed in as that user (use {@link #signOut()} or a new instance to switch users), which is also how the
 * sandbox's auto-approval can be observed.
 *
 * <p>Redirects within the sandbox ({@code /auth/sign_in}, back to {@code /oauth/authorize}) are followed; the
 * redirect to the client's {@code redirect_uri} (or to {@code /oauth/authorize/native} for OOB) is returned, never
 * followed, so no request ever leaves the sandbox. Instances are not thread-safe.
 */
public final class SandboxBrowser {

    private final MemoryCookieJar cookies = new MemoryCookieJar();
    private final OkHttpClient client;

    /** A browser built on {@code base}'s settings (timeouts, interceptors), with its own cookie jar. */
    public SandboxBrowser(OkHttpClient base) {
        this.client = Objects.requireNonNull(base, "base").newBuilder()
                .cookieJar(cookies).followRedirects(false).followSslRedirects(false).build();
    }

    /** A browser on a default OkHttp client. */
    public SandboxBrowser() {
        this(new OkHttpClient());
    }

    /**
     * Opens {@code authorizeUrl}, signs in with {@code username} (or e-mail) and {@code password} if asked, approves
     * the consent page (or rides auto-approval), and returns the final redirect — the {@code Location} of the 302 to
     * the client's {@code redirect_uri} — without following it.
     *
     * @throws IllegalStateException if sign-in is refused, an error page is shown, or the flow ends elsewhere
     * @throws java.io.UncheckedIOException on transport failure
     */
    public URI approve(String authorizeUrl, String username, String password) {
        return session(throughConnectPage(authorizeUrl)).complete(username, password, false);
    }

    /** Like {@link #approve} but presses "Deny"; returns the redirect carrying {@code error=access_denied}. */
    public URI deny(String authorizeUrl, String username, String password) {
        return session(throughConnectPage(authorizeUrl)).complete(username, password, true);
    }

    /**
     * Signs in if asked, then returns what {@code GET authorizeUrl} shows: an error page (400/401 with the
     * description), the consent page (200), or a redirect (auto-approval; {@link Page#location()} set).
     */
    public Page open(String authorizeUrl, String username, String password) {
        return session(throughConnectPage(authorizeUrl)).open(username, password);
    }

    /**
     * The provider's authorize URL behind {@code link}. A link to Authpipe's connect page ({@code …/connect#token=…})
     * is clicked through as the page's script does on the user's click: {@code POST
     * /v1/connect-sessions/{id}/start} with the session token, keeping the binding cookie it sets in this browser's
     * jar (so only this browser can finish the flow). Any other link is the authorize URL already.
     *
     * @throws IllegalStateException if the connect page refuses to start the flow
     */
    public String throughConnectPage(String link) {
        return ConnectPageClick.authorizeUrl(client, link, java.util.Map.of("mode", "page"));
    }

    /**
     * As {@link #throughConnectPage(String)}, with what the page sends on the click: {@code mode}, the typed
     * {@code instance}, the opener's {@code origin} and {@code nonce}.
     */
    public String throughConnectPage(String link, java.util.Map<String, String> click) {
        return ConnectPageClick.authorizeUrl(client, link, click);
    }

    /** The {@code Cookie} header this browser sends to {@code url} (empty when none), to follow a redirect with. */
    public String cookieHeader(String url) {
        return cookies.loadForRequest(HttpUrl.get(url)).stream().map(c -> c.name() + "=" + c.value())
                .collect(java.util.stream.Collectors.joining("; "));
    }

    /** Forgets the session cookie, so the next call signs in again. */
    public void signOut() {
        cookies.clear();
    }

    private BrowserSession session(String authorizeUrl) {
        return new BrowserSession(client, URI.create(authorizeUrl));
    }

    /**
     * One HTTP answer as the browser saw it.
     *
     * @param status   HTTP status
     * @param body     response body (HTML or JSON)
     * @param location absolute {@code Location} for redirects, else {@code null}
     */
    public record Page(int status, String body, String location) {
    }
}
