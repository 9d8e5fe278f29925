package io.authpipe.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.core.instance.InstancePolicy;
import io.authpipe.core.secret.Secret;
import io.authpipe.sandbox.mastodon.MastodonSandbox;
import io.authpipe.sandbox.mastodon.MastodonVersion;
import io.authpipe.sandbox.mastodon.RateLimits;
import io.authpipe.sandbox.mastodon.SandboxBrowser;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import io.authpipe.sandbox.mastodon.SandboxUser;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * A sandbox Mastodon on loopback and a {@link MastodonClient} whose policy allow-lists exactly the sandbox, with the
 * OAuth steps the tests share. The authorize URL is built by hand, as the broker's connect flow would.
 */
final class SandboxFixture implements AutoCloseable {
    static final String CALLBACK = "https://client.example/callback";
    static final List<String> SCOPES = List.of("read", "write");
    private static final OkHttpClient BROWSER_BASE = new OkHttpClient();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MastodonSandbox sandbox;
    private final InstanceAddress instance;
    private final MastodonClient client;

    private SandboxFixture(MastodonSandbox sandbox) {
        this.sandbox = sandbox;
        this.instance = InstanceAddress.parse(sandbox.baseUrl());
        this.client = clientAllowing(instance.authority());
    }

    static SandboxFixture start(SandboxConfig config) {
        return new SandboxFixture(MastodonSandbox.start(config));
    }

    /** Mastodon 4.7 with throttles high enough that no test but the throttle test meets them. */
    static SandboxConfig relaxed() {
        return SandboxConfig.defaults().withRateLimits(new RateLimits(10_000, Duration.ofMinutes(10), 10_000,
                10_000, 10_000, Duration.ofMinutes(5)));
    }

    static SandboxConfig relaxed(MastodonVersion version) {
        return relaxed().withVersion(version);
    }

    /** The client under test, as production builds it, allow-listing only {@code authority}. */
    static MastodonClient clientAllowing(String authority) {
        return clientAllowing(authority, Clock.systemUTC(), Duration.ofSeconds(5));
    }

    /** Like {@link #clientAllowing(String)}, reading time from {@code clock}, with {@code timeout} for I/O. */
    static MastodonClient clientAllowing(String authority, Clock clock, Duration timeout) {
        return new MastodonClient(MastodonHttp.client(InstancePolicy.allowing(List.of(authority)), "Authpipe-test",
                timeout), clock);
    }

    MastodonSandbox sandbox() {
        return sandbox;
    }

    InstanceAddress instance() {
        return instance;
    }

    MastodonClient client() {
        return client;
    }

    static SandboxBrowser browser() {
        return new SandboxBrowser(BROWSER_BASE);
    }

    ServerInfo discover() {
        return client.discover(instance);
    }

    ClientCredentials registerApp() {
        AppRegistrationOutcome outcome = client.registerApp(instance, "Authpipe test", CALLBACK, SCOPES,
                Optional.empty());
        assertThat(outcome).isInstanceOf(AppRegistrationOutcome.Registered.class);
        return ((AppRegistrationOutcome.Registered) outcome).credentials();
    }

    /** Signs {@code user} in through {@code browser}, approves, and returns the code from the redirect. */
    Authorization authorize(SandboxBrowser browser, ServerInfo server, ClientCredentials app, SandboxUser user,
                            boolean pkce) {
        String state = randomUrlSafe(16);
        Optional<Secret> verifier = pkce ? Optional.of(Secret.of(randomUrlSafe(48))) : Optional.empty();
        HttpUrl.Builder url = HttpUrl.get(server.authorizationEndpoint()).newBuilder()
                .addQueryParameter("response_type", "code")
                .addQueryParameter("client_id", app.clientId())
                .addQueryParameter("redirect_uri", CALLBACK)
                .addQueryParameter("scope", String.join(" ", SCOPES))
                .addQueryParameter("state", state);
        verifier.ifPresent(v -> url.addQueryParameter("code_challenge", s256(v))
                .addQueryParameter("code_challenge_method", "S256"));
        URI redirect = browser.approve(url.build().toString(), user.username(), user.password());
        HttpUrl callback = HttpUrl.get(redirect.toString());
        assertThat(callback.queryParameter("state")).isEqualTo(state);
        return new Authorization(callback.queryParameter("code"), verifier);
    }

    /** Register, authorize with PKCE when the server supports it, exchange: a fresh user token. */
    Connected connect(SandboxUser user) {
        ServerInfo server = discover();
        ClientCredentials app = registerApp();
        Authorization authorization = authorize(browser(), server, app, user, server.supportsPkceS256());
        TokenOutcome outcome = client.exchangeCode(server, app, authorization.code(), CALLBACK,
                authorization.verifier());
        assertThat(outcome).isInstanceOf(TokenOutcome.Issued.class);
        return new Connected(server, app, ((TokenOutcome.Issued) outcome).grant());
    }

    static String s256(Secret verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(verifier.reveal().getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    @Override
    public void close() {
        sandbox.close();
    }

    /** The code from the redirect and the PKCE verifier that goes with it, if a challenge was sent. */
    record Authorization(String code, Optional<Secret> verifier) {
    }

    /** A connected user: the server, the app and the token grant. */
    record Connected(ServerInfo server, ClientCredentials app, TokenGrant grant) {
        Secret token() {
            return grant.accessToken();
        }
    }
}
