package io.authpipe.sandbox.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authpipe.sandbox.mastodon.OAuthFixture.RegisteredApp;
import io.authpipe.sandbox.mastodon.internal.browser.HtmlForm;
import io.authpipe.sandbox.mastodon.internal.browser.MemoryCookieJar;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The browser part of the flow (MASTODON.md §2) through {@link SandboxBrowser}. */
class AuthorizationFlowTest {

    private static MastodonSandbox sandbox;
    private static OAuthFixture oauth;

    @BeforeAll
    static void start() {
        sandbox = MastodonSandbox.start(OAuthFixture.relaxed());
        oauth = new OAuthFixture(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void signingInAndApprovingRedirectsToTheCallbackWithACodeAndTheState() {
        // Given
        RegisteredApp app = oauth.registerApp("read write");
        String url = oauth.authorizeUrl(app, Map.of("scope", "read write", "state", "xyz 1"));

        // When
        URI callback = new SandboxBrowser().approve(url, "alice", "alice-password");

        // Then
        assertThat(callback.toString()).startsWith(OAuthFixture.CALLBACK + "?code=");
        assertThat(OAuthFixture.queryParam(callback, "code")).matches("[A-Za-z0-9_-]{43}");
        assertThat(callback.getRawQuery()).endsWith("&state=xyz+1");
    }

    @Test
    void anUnauthenticatedAuthorizeRequestIsSentToSignInWithoutValidatingParameters() {
        // Given
        String url = sandbox.baseUrl() + "/oauth/authorize?client_id=nope";

        // When
        Reply reply = oauth.http().get(url);

        // Then
        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.header("Location")).isEqualTo(sandbox.baseUrl() + "/auth/sign_in");
        assertThat(reply.header("Set-Cookie")).startsWith("_mastodon_session=").contains("HttpOnly");
    }

    @Test
    void signingInByEmailWorksLikeSigningInByUsername() {
        // Given
        RegisteredApp app = oauth.registerApp("read");

        // When
        URI callback = new SandboxBrowser().approve(oauth.authorizeUrl(app, "read"), "BOB@sandbox.authpipe.test",
                "bob-password");

        // Then
        assertThat(OAuthFixture.queryParam(callback, "code")).hasSize(43);
    }

    @Test
    void aWrongPasswordKeepsTheUserOnTheSignInPage() {
        // Given
        RegisteredApp app = oauth.registerApp("read");

        // When / Then
        assertThatThrownBy(() -> new SandboxBrowser().approve(oauth.authorizeUrl(app, "read"), "alice", "wrong"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Invalid E-mail address or password.");
    }

    @Test
    void denyingRedirectsWithAccessDeniedAndTheState() {
        // Given
        RegisteredApp app = oauth.registerApp("read");
        String url = oauth.authorizeUrl(app, Map.of("scope", "read", "state", "s1"));

        // When
        URI callback = new SandboxBrowser().deny(url, "alice", "alice-password");

        // Then
        assertThat(callback.toString()).isEqualTo(OAuthFixture.CALLBACK + "?error=access_denied&error_description="
                + "The+resource+owner+or+authorization+server+denied+the+request.&state=s1");
    }

    @Test
    void aUserWhoAlreadyHoldsATokenWithTheSameScopesIsApprovedWithoutConsent() {
        // Given
        RegisteredApp app = oauth.registerApp("read write");
        SandboxBrowser browser = new SandboxBrowser();
        URI first = browser.approve(oauth.authorizeUrl(app, "read write"), "alice", "alice-password");
        oauth.exchange(app, OAuthFixture.queryParam(first, "code"), Map.of());

        // When
        SandboxBrowser.Page page = browser.open(oauth.authorizeUrl(app, "write read"), "alice", "alice-password");

        // Then
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).startsWith(OAuthFixture.CALLBACK + "?code=");
    }

    @Test
    void forceLoginShowsTheConsentPageEvenWithAMatchingToken() {
        // Given
        RegisteredApp app = oauth.registerApp("read");
        SandboxBrowser browser = new SandboxBrowser();
        oauth.exchange(app, OAuthFixture.queryParam(browser.approve(oauth.authorizeUrl(app, "read"), "alice",
                "alice-password"), "code"), Map.of());

        // When
        SandboxBrowser.Page page = browser.open(oauth.authorizeUrl(app, Map.of("scope", "read",
                "force_login", "true")), "alice", "alice-password");

        // Then
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Authorization required").contains("name=\"_method\" value=\"delete\"");
    }

    @Test
    void aBlankStateIsLeftOutAndAnExistingQueryIsKept() {
        // Given
        RegisteredApp app = oauth.registerApp("read", "https://client.example/cb?tenant=t1");
        String url = oauth.authorizeUrl(app, Map.of("scope", "read", "state", ""));

        // When
        URI callback = new SandboxBrowser().approve(url, "alice", "alice-password");

        // Then
        assertThat(callback.toString()).matches("https://client\\.example/cb\\?tenant=t1&code=[A-Za-z0-9_-]{43}");
    }

    @Test
    void anOutOfBandAppIsSentToTheNativeCodePage() {
        // Given
        RegisteredApp app = oauth.registerApp("read", "urn:ietf:wg:oauth:2.0:oob");

        // When
        URI callback = new SandboxBrowser().approve(oauth.authorizeUrl(app, "read"), "alice", "alice-password");

        // Then
        assertThat(callback.toString()).startsWith(sandbox.baseUrl() + "/oauth/authorize/native?code=");
        assertThat(oauth.http().get(callback.toString()).body()).contains(OAuthFixture.queryParam(callback, "code"));
    }

    @Test
    void aLoopbackIpRedirectMatchesOnAnyPortButLocalhostDoesNot() {
        // Given
        RegisteredApp loopback = oauth.registerApp("read", "http://127.0.0.1/callback");
        RegisteredApp localhost = oauth.registerApp("read", "http://localhost/callback");
        SandboxBrowser browser = new SandboxBrowser();

        // When
        URI callback = browser.approve(oauth.authorizeUrl(loopback, Map.of("scope", "read",
                "redirect_uri", "http://127.0.0.1:49152/callback")), "alice", "alice-password");
        SandboxBrowser.Page refused = browser.open(oauth.authorizeUrl(localhost, Map.of("scope", "read",
                "redirect_uri", "http://localhost:49152/callback")), "alice", "alice-password");

        // Then
        assertThat(callback.toString()).startsWith("http://127.0.0.1:49152/callback?code=");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("The redirect uri included is not valid.");
    }

    @Test
    void aSuspendedUserIsSentToTheAccountPageInsteadOfConsent() {
        // Given
        try (MastodonSandbox own = MastodonSandbox.start(OAuthFixture.relaxed())) {
            OAuthFixture ownOauth = new OAuthFixture(own);
            RegisteredApp app = ownOauth.registerApp("read");
            own.operator().suspend("alice");

            // When
            SandboxBrowser.Page page = new SandboxBrowser().open(ownOauth.authorizeUrl(app, "read"), "alice",
                    "alice-password");

            // Then
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("suspended").doesNotContain("Authorization required");
        }
    }

    @Test
    void aRealDeleteRequestDeniesLikeTheRailsMethodOverride() throws IOException {
        // Given
        RegisteredApp app = oauth.registerApp("read");
        OkHttpClient browser = SandboxHttp.client().newBuilder().cookieJar(new MemoryCookieJar()).build();
        get(browser, oauth.authorizeUrl(app, "read"));
        HtmlForm signIn = HtmlForm.parseAll(get(browser, sandbox.baseUrl() + "/auth/sign_in")).get(0);
        post(browser, "POST", signIn, Map.of("user[email]", "alice", "user[password]", "alice-password"));
        HtmlForm approve = HtmlForm.parseAll(get(browser, oauth.authorizeUrl(app, Map.of("scope", "read",
                "state", "d")))).get(0);

        // When
        String location = post(browser, "DELETE", approve, Map.of());

        // Then
        assertThat(location).startsWith(OAuthFixture.CALLBACK + "?error=access_denied&").endsWith("&state=d");
    }

    private static String get(OkHttpClient client, String url) throws IOException {
        try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            return response.body().string();
        }
    }

    private static String post(OkHttpClient client, String method, HtmlForm form, Map<String, String> extra)
            throws IOException {
        FormBody.Builder body = new FormBody.Builder();
        form.fields().forEach((name, value) -> body.add(name, extra.getOrDefault(name, value)));
        Request request = new Request.Builder().url(sandbox.baseUrl() + form.action())
                .method(method, body.build()).build();
        try (Response response = client.newCall(request).execute()) {
            return response.header("Location");
        }
    }
}
