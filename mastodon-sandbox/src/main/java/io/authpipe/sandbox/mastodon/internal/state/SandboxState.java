package io.authpipe.sandbox.mastodon.internal.state;

import io.authpipe.sandbox.mastodon.MastodonVersion;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything a running sandbox knows: its configuration, its address and its in-memory stores. Handlers receive
 * this one object instead of a dozen constructor arguments.
 */
public final class SandboxState {

    private final SandboxConfig config;
    private final ApplicationRegistry apps = new ApplicationRegistry();
    private final AccountRegistry accounts;
    private final TokenStore tokens = new TokenStore();
    private final GrantStore grants = new GrantStore();
    private final RefreshTraffic refreshTraffic = new RefreshTraffic();
    private final ServerOutage outage = new ServerOutage();
    private final ProfileOverrides profileOverrides = new ProfileOverrides();
    private final String vapidKey = VapidKey.generate();
    private final java.util.List<String> receivedCodeVerifiers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile String baseUrl;

    /** Seeds the accounts of {@code config}. */
    public SandboxState(SandboxConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.accounts = new AccountRegistry(config.users(), config.clock().instant());
    }

    /** Remembers a {@code code_verifier} a client sent to the token endpoint (for leak-scan tests). */
    public void recordCodeVerifier(String verifier) {
        receivedCodeVerifiers.add(verifier);
    }

    /** Every {@code code_verifier} received so far. */
    public java.util.List<String> receivedCodeVerifiers() {
        return java.util.List.copyOf(receivedCodeVerifiers);
    }

    /** The current time from the injected clock. */
    public Instant now() {
        return config.clock().instant();
    }

    /** The web address (WEB_DOMAIN) once the server listens, e.g. {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Set once, after the server bound its port. */
    public void baseUrl(String value) {
        this.baseUrl = value;
    }

    /** The start-up configuration. */
    public SandboxConfig config() {
        return config;
    }

    /** The imitated Mastodon line. */
    public MastodonVersion version() {
        return config.version();
    }

    /** Registered applications. */
    public ApplicationRegistry apps() {
        return apps;
    }

    /** Local accounts. */
    public AccountRegistry accounts() {
        return accounts;
    }

    /** Access tokens. */
    public TokenStore tokens() {
        return tokens;
    }

    /** Authorization codes. */
    public GrantStore grants() {
        return grants;
    }

    /** Refresh-grant requests: injected faults and counters. */
    public RefreshTraffic refreshTraffic() {
        return refreshTraffic;
    }

    /** Whether the whole server appears down, and how many requests that answered. */
    public ServerOutage outage() {
        return outage;
    }

    /** What the operator made the server misreport about accounts. */
    public ProfileOverrides profileOverrides() {
        return profileOverrides;
    }

    /** The Web Push public key ({@code vapid_key}). */
    public String vapidKey() {
        return vapidKey;
    }
}
