package io.authpipe.sandbox.mastodon.internal.apps;

import io.authpipe.sandbox.mastodon.MastodonVersion;
import io.authpipe.sandbox.mastodon.internal.state.ScopeSet;
import io.authpipe.sandbox.mastodon.internal.state.ServerScopes;
import io.authpipe.sandbox.mastodon.internal.web.Params;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed and validated {@code POST /api/v1/apps} request ({@code MASTODON.md} §1). Errors are ActiveRecord full
 * messages in validation order; the 422 body joins them after "Validation failed: ".
 *
 * @param name         {@code client_name}
 * @param website      website or {@code null}
 * @param redirectUris the redirect URIs, one per entry
 * @param scopes       the scopes
 * @param errors       full validation messages; empty when valid
 */
record AppRegistration(String name, String website, List<String> redirectUris, ScopeSet scopes,
                       List<String> errors) {

    private static final int NAME_LIMIT = 60;
    private static final int URI_LIMIT = 2000;

    /** Reads and validates the request parameters as {@code version} would. */
    static AppRegistration parse(Params params, MastodonVersion version) {
        String name = params.string("client_name");
        String rawRedirect = rawRedirectUri(params, version);
        ScopeSet scopes = scopesOf(params);
        String website = blankToNull(params.string("website"));
        List<String> errors = new ArrayList<>();
        if (name == null || name.isBlank()) {
            errors.add("Application name can't be blank");
        }
        redirectErrors(rawRedirect).forEach(error -> errors.add("Redirect URI " + error));
        if (!scopes.isSubsetOf(ServerScopes.of(version))) {
            errors.add("Scopes doesn't match those configured on the server.");
        }
        if (name != null && name.length() > NAME_LIMIT) {
            errors.add("Application name is too long (maximum is 60 characters)");
        }
        websiteErrors(website).forEach(error -> errors.add("Application website " + error));
        if (rawRedirect.length() > URI_LIMIT) {
            errors.add("Redirect URI is too long (maximum is 2000 characters)");
        }
        List<String> uris = rawRedirect.isBlank() ? List.of() : List.of(rawRedirect.trim().split("\\s+"));
        return new AppRegistration(name, website, uris, scopes, errors);
    }

    /** A string, or from 4.3 an array joined with newlines; an array before 4.3 is dropped by strong params. */
    private static String rawRedirectUri(Params params, MastodonVersion version) {
        if (params.isList("redirect_uris")) {
            return version.acceptsRedirectUriArray() ? String.join("\n", params.list("redirect_uris")) : "";
        }
        String value = params.string("redirect_uris");
        return value == null ? "" : value;
    }

    /** Absent → {@code read}; an array is silently dropped → {@code read} (quirk #30152); {@code ""} → empty. */
    private static ScopeSet scopesOf(Params params) {
        String value = params.string("scopes");
        return value == null ? ScopeSet.of(ServerScopes.DEFAULT_SCOPE) : ScopeSet.parse(value);
    }

    private static List<String> redirectErrors(String raw) {
        if (raw.isBlank()) {
            return List.of("can't be blank");
        }
        List<String> errors = new ArrayList<>();
        for (String entry : raw.trim().split("\\s+")) {
            errors.addAll(RedirectUriValidator.errorsOf(entry));
        }
        return errors;
    }

    private static List<String> websiteErrors(String website) {
        if (website == null) {
            return List.of();
        }
        List<String> errors = new ArrayList<>();
        if (!isHttpUrl(website)) {
            errors.add("is invalid");
        }
        if (website.length() > URI_LIMIT) {
            errors.add("is too long (maximum is 2000 characters)");
        }
        return errors;
    }

    private static boolean isHttpUrl(String website) {
        try {
            URI uri = new URI(website);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
