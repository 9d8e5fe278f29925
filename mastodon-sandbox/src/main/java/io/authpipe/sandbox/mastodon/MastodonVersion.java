package io.authpipe.sandbox.mastodon;

import java.util.OptionalInt;

/**
 * The Mastodon release line the sandbox imitates. Each constant stands for the newest patch release of its line
 * that {@code MASTODON.md} describes, and answers which OAuth/API behaviours that line has.
 *
 * <p>Capability methods encode the version table of {@code MASTODON.md} §10 (and the Doorkeeper version each line
 * bundles, §0), so handlers ask "does this server do X?" instead of comparing versions.
 */
public enum MastodonVersion {
    /** Mastodon 4.2 (after 4.2.9): no PKCE, no metadata document, no {@code profile} scope, password grant. */
    V4_2("4.2.10", 4, 2, -1),
    /** Mastodon 4.3: PKCE, {@code redirect_uris} arrays, {@code profile}, metadata; password grant still there. */
    V4_3("4.3.8", 4, 3, 2),
    /** Mastodon 4.5: password grant removed, {@code /oauth/userinfo}, {@code Pragma: no-cache} (Doorkeeper 5.8). */
    V4_5("4.5.9", 4, 5, 7),
    /** Mastodon 4.7: collections scopes, Doorkeeper 5.9.x header sanitising and single client-auth method. */
    V4_7("4.7.0", 4, 7, 11);

    private final String versionString;
    private final int major;
    private final int minor;
    private final int apiVersion;

    MastodonVersion(String versionString, int major, int minor, int apiVersion) {
        this.versionString = versionString;
        this.major = major;
        this.minor = minor;
        this.apiVersion = apiVersion;
    }

    /** The version string reported by nodeinfo and {@code /api/v*\/instance}, e.g. {@code "4.7.0"}. */
    public String versionString() {
        return versionString;
    }

    /** {@code api_versions.mastodon} of {@code /api/v2/instance} (§6); empty before 4.3. */
    public OptionalInt apiVersion() {
        return apiVersion < 0 ? OptionalInt.empty() : OptionalInt.of(apiVersion);
    }

    /** PKCE with S256 at authorize and token (4.3.0, #31129); 4.2 ignores the parameters. */
    public boolean supportsPkce() {
        return atLeast(4, 3);
    }

    /** {@code /.well-known/oauth-authorization-server} exists (4.3.0); 404 before. */
    public boolean hasAuthorizationServerMetadata() {
        return atLeast(4, 3);
    }

    /** {@code redirect_uris} may be an array at registration (4.3.0). */
    public boolean acceptsRedirectUriArray() {
        return atLeast(4, 3);
    }

    /** The {@code profile} scope exists (4.3.0). */
    public boolean supportsProfileScope() {
        return atLeast(4, 3);
    }

    /** {@code read:collections} / {@code write:collections} exist (4.6.0, #37049). */
    public boolean supportsCollectionsScopes() {
        return atLeast(4, 6);
    }

    /** The Application entity carries {@code scopes}, {@code redirect_uris} and {@code client_secret_expires_at}. */
    public boolean hasExtendedApplicationEntity() {
        return atLeast(4, 3);
    }

    /** {@code grant_type=password} is still accepted (removed in 4.4.0, #30960). */
    public boolean supportsPasswordGrant() {
        return !atLeast(4, 4);
    }

    /** {@code /oauth/userinfo} and {@code userinfo_endpoint} (4.4.0). */
    public boolean hasUserinfoEndpoint() {
        return atLeast(4, 4);
    }

    /** Token responses carry {@code Pragma: no-cache} (Doorkeeper 5.8, Mastodon 4.4). */
    public boolean sendsPragmaNoCache() {
        return atLeast(4, 4);
    }

    /** {@code apps/verify_credentials} works for any valid token without a scope (4.3.0); before it needs {@code read}. */
    public boolean appCredentialsNeedNoScope() {
        return atLeast(4, 3);
    }

    /**
     * Doorkeeper 5.9.1+ (Mastodon 4.6+): {@code WWW-Authenticate} descriptions are sanitised to the RFC 6750 set and
     * a 403 scope error carries {@code error="insufficient_scope"}; the new PKCE method error text is used.
     */
    public boolean usesDoorkeeper59() {
        return atLeast(4, 6);
    }

    /** Doorkeeper 5.9.5+ (probably 4.7.0): two client-authentication mechanisms in one request are refused. */
    public boolean rejectsMultipleClientAuthentication() {
        return atLeast(4, 7);
    }

    private boolean atLeast(int otherMajor, int otherMinor) {
        return major > otherMajor || (major == otherMajor && minor >= otherMinor);
    }
}
