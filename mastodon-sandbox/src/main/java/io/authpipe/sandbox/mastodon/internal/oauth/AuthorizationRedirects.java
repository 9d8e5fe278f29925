package io.authpipe.sandbox.mastodon.internal.oauth;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Doorkeeper's {@code URIBuilder}: merges response parameters into the client's redirect URI
 * ({@code MASTODON.md} §2 "Flow", 6–7). An existing query is kept (re-encoded) and blank values such as an empty
 * {@code state} are dropped; in fragment mode the parameters go after {@code #}. Encoding is
 * {@code application/x-www-form-urlencoded}, so spaces become {@code +}.
 */
final class AuthorizationRedirects {

    static final String DENIED_DESCRIPTION = "The resource owner or authorization server denied the request.";

    private AuthorizationRedirects() {
    }

    /** {@code redirect_uri?code=…&state=…}. */
    static String success(PreAuth preAuth, String code) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        params.put("state", preAuth.state());
        return build(preAuth.redirectUri(), params, preAuth.responseMode());
    }

    /** {@code redirect_uri?error=access_denied&error_description=…&state=…}. */
    static String denied(PreAuth preAuth) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", "access_denied");
        params.put("error_description", DENIED_DESCRIPTION);
        params.put("state", preAuth.state());
        return build(preAuth.redirectUri(), params, preAuth.responseMode());
    }

    private static String build(String redirectUri, Map<String, String> params, String mode) {
        if (mode.equals("fragment")) {
            return redirectUri + "#" + encode(params);
        }
        int queryStart = redirectUri.indexOf('?');
        Map<String, String> merged = new LinkedHashMap<>();
        if (queryStart >= 0) {
            merged.putAll(decode(redirectUri.substring(queryStart + 1)));
        }
        merged.putAll(params);
        String base = queryStart >= 0 ? redirectUri.substring(0, queryStart) : redirectUri;
        return base + "?" + encode(merged);
    }

    private static Map<String, String> decode(String query) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                pairs.put(URLDecoder.decode(key, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return pairs;
    }

    private static String encode(Map<String, String> params) {
        StringJoiner joined = new StringJoiner("&");
        params.forEach((key, value) -> {
            if (value != null && !value.isEmpty()) {
                joined.add(URLEncoder.encode(key, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return joined.toString();
    }
}
