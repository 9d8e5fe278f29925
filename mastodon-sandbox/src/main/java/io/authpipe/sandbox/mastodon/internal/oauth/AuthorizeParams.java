package io.authpipe.sandbox.mastodon.internal.oauth;

import io.authpipe.sandbox.mastodon.internal.web.Params;
import java.util.Locale;
import java.util.Set;

/**
 * The raw parameters of {@code /oauth/authorize} (GET, and the consent form's POST/DELETE).
 *
 * @param clientId            {@code client_id}
 * @param redirectUri         {@code redirect_uri}
 * @param responseType        {@code response_type}
 * @param responseMode        {@code response_mode}
 * @param scope               {@code scope}, space-separated
 * @param state               {@code state}
 * @param codeChallenge       {@code code_challenge}
 * @param codeChallengeMethod {@code code_challenge_method}
 * @param forceLogin          {@code force_login}, Rails-truthy
 */
record AuthorizeParams(String clientId, String redirectUri, String responseType, String responseMode, String scope,
                       String state, String codeChallenge, String codeChallengeMethod, boolean forceLogin) {

    private static final Set<String> FALSY = Set.of("0", "f", "false", "off");

    static AuthorizeParams from(Params params) {
        return new AuthorizeParams(params.string("client_id"), params.string("redirect_uri"),
                params.string("response_type"), params.string("response_mode"), params.string("scope"),
                params.string("state"), params.string("code_challenge"), params.string("code_challenge_method"),
                truthy(params.string("force_login")));
    }

    /** Rails {@code truthy_param?}: present and not one of ActiveModel's false values. */
    private static boolean truthy(String value) {
        return value != null && !value.isEmpty() && !FALSY.contains(value.toLowerCase(Locale.ROOT));
    }
}
