package io.authpipe.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.core.secret.Secret;
import io.authpipe.mastodon.internal.JsonResponse;
import io.authpipe.mastodon.internal.ProviderCalls;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The Mastodon API calls the broker makes, with outcomes as values. Expected protocol answers (an OAuth error,
 * a 401, a 429) come back as {@link TokenOutcome}, {@link VerifyOutcome} and friends; only a failure that says
 * nothing about the request (transport, 5xx, non-JSON) throws {@link InstanceUnavailableException}.
 * Thread-safe; build one per process.
 */
public final class MastodonClient {
    private final ProviderCalls calls;
    private final Clock clock;

    public MastodonClient(OkHttpClient http, Clock clock) {
        this.calls = new ProviderCalls(http);
        this.clock = clock;
    }

    /** Reads {@code /.well-known/oauth-authorization-server}; a 404 means a pre-4.3 server. */
    public ServerInfo discover(InstanceAddress instance) {
        JsonResponse response = calls.send(instance, get(instance.url("/.well-known/oauth-authorization-server")));
        if (response.status() == 404) {
            return ServerInfo.legacy(instance);
        }
        JsonNode body = response.requireOk();
        Set<String> methods = strings(body.path("code_challenge_methods_supported"));
        Optional<Set<String>> scopes = body.has("scopes_supported")
                ? Optional.of(strings(body.path("scopes_supported"))) : Optional.empty();
        ServerInfo legacy = ServerInfo.legacy(instance);
        return new ServerInfo(instance,
                sameOrigin(instance, body.path("authorization_endpoint"), legacy.authorizationEndpoint()),
                sameOrigin(instance, body.path("token_endpoint"), legacy.tokenEndpoint()),
                sameOrigin(instance, body.path("revocation_endpoint"), legacy.revocationEndpoint()),
                methods.contains("S256"), scopes);
    }

    /**
     * {@code POST /api/v1/apps} with exactly {@code scopes} (Mastodon compares them literally at authorize) and
     * one redirect URI, as a form so that servers before 4.3 (which take only strings) accept it. Never throws for
     * what the instance does: a failure to reach it, or an answer that is no registration, is
     * {@link AppRegistrationOutcome.Unavailable}.
     */
    public AppRegistrationOutcome registerApp(InstanceAddress instance, String clientName, String redirectUri,
                                              List<String> scopes, Optional<String> website) {
        FormBody.Builder form = new FormBody.Builder()
                .add("client_name", clientName)
                .add("redirect_uris", redirectUri)
                .add("scopes", String.join(" ", scopes));
        website.ifPresent(w -> form.add("website", w));
        try {
            return registration(instance, calls.send(instance, post(instance.url("/api/v1/apps"), form.build())));
        } catch (InstanceUnavailableException e) {
            return new AppRegistrationOutcome.Unavailable(e.getMessage());
        }
    }

    private AppRegistrationOutcome registration(InstanceAddress instance, JsonResponse response) {
        int status = response.status();
        if (status == 200) {
            return registered(instance, response.body());
        }
        if (status == 429) {
            return new AppRegistrationOutcome.Throttled(response.rateLimitReset(clock.instant()));
        }
        if (status >= 400 && status < 500) {
            return new AppRegistrationOutcome.Rejected(status, response.body().path("error").asText(""));
        }
        return new AppRegistrationOutcome.Unavailable(instance.origin() + " answered HTTP " + status
                + " to an app registration");
    }

    private static AppRegistrationOutcome registered(InstanceAddress instance, JsonNode body) {
        String clientId = body.path("client_id").asText("");
        String clientSecret = body.path("client_secret").asText("");
        if (clientId.isBlank() || clientSecret.isBlank()) {
            return new AppRegistrationOutcome.Unavailable(instance.origin()
                    + " answered an app registration without client credentials");
        }
        return new AppRegistrationOutcome.Registered(new ClientCredentials(clientId, Secret.of(clientSecret)));
    }

    /**
     * Exchanges an authorization code; sends {@code code_verifier} only if a challenge was sent at authorize. A 429
     * (rare: Mastodon does not throttle {@code /oauth/token}, proxies and GoToSocial do) is
     * {@link TokenOutcome.Throttled}.
     */
    public TokenOutcome exchangeCode(ServerInfo server, ClientCredentials client, String code, String redirectUri,
                                     Optional<Secret> codeVerifier) {
        FormBody.Builder form = new FormBody.Builder()
                .add("grant_type", "authorization_code")
                .add("code", code)
                .add("redirect_uri", redirectUri)
                .add("client_id", client.clientId())
                .add("client_secret", client.clientSecret().reveal());
        codeVerifier.ifPresent(v -> form.add("code_verifier", v.reveal()));
        return token(server, form.build());
    }

    /**
     * Refreshes a token on servers that issue refresh tokens (Pleroma, Akkoma); stock Mastodon refuses. A 429 is
     * {@link TokenOutcome.Throttled}. If this throws {@link InstanceUnavailableException} with
     * {@link InstanceUnavailableException#maybeProcessed()}, the server may have rotated {@code refreshToken} away.
     */
    public TokenOutcome refresh(ServerInfo server, ClientCredentials client, Secret refreshToken) {
        return token(server, new FormBody.Builder()
                .add("grant_type", "refresh_token")
                .add("refresh_token", refreshToken.reveal())
                .add("client_id", client.clientId())
                .add("client_secret", client.clientSecret().reveal())
                .build());
    }

    private TokenOutcome token(ServerInfo server, FormBody form) {
        JsonResponse response = calls.send(server.instance(), post(server.tokenEndpoint(), form));
        if (response.status() == 200) {
            return new TokenOutcome.Issued(TokenGrants.parse(response.body(), clock.instant()));
        }
        if (response.status() == 429) {
            return new TokenOutcome.Throttled(response.retryAt(clock.instant()));
        }
        if (response.status() >= 400 && response.status() < 500 && response.body().has("error")) {
            return new TokenOutcome.Refused(new OAuthError(response.status(),
                    response.body().path("error").asText(), response.body().path("error_description").asText("")));
        }
        response.requireOk();
        throw new IllegalStateException("unreachable");
    }

    /**
     * {@code GET /api/v1/accounts/verify_credentials}, in English ({@code lang=en}) for readable logs. A 200 is
     * {@link VerifyOutcome.Verified} only if the account passes {@link AccountReader}'s checks, its handle on the
     * {@link HandleDomain} of {@code localDomain} (the LOCAL_DOMAIN the instance reported, see {@link #localDomain}).
     */
    public VerifyOutcome verifyCredentials(InstanceAddress instance, Secret accessToken, String localDomain) {
        return check(instance, accessToken, localDomain).outcome();
    }

    /** {@link #verifyCredentials}, with the rate limit's state the server reported along with its answer. */
    public Verification check(InstanceAddress instance, Secret accessToken, String localDomain) {
        HttpUrl url = HttpUrl.get(instance.url("/api/v1/accounts/verify_credentials")).newBuilder()
                .addQueryParameter("lang", "en").build();
        Request request = new Request.Builder().url(url)
                .header("Authorization", "Bearer " + accessToken.reveal()).build();
        JsonResponse response = calls.send(instance, request);
        return new Verification(VerifyOutcomes.classify(response, instance, localDomain, clock.instant()),
                response.rateLimit());
    }

    /** What {@code verify_credentials} answered, and the rate limit it reported (absent when it sent none). */
    public record Verification(VerifyOutcome outcome, Optional<RateLimit> rateLimit) {
    }

    /**
     * The server's LOCAL_DOMAIN, the domain of its users' handles: {@code domain} of {@code /api/v2/instance},
     * else {@code uri} of the deprecated {@code /api/v1/instance}, else the API host (MASTODON.md §9).
     */
    public String localDomain(InstanceAddress instance) {
        JsonResponse v2 = serving(calls.send(instance, get(instance.url("/api/v2/instance"))));
        if (v2.status() == 200 && v2.body().hasNonNull("domain")) {
            return v2.body().path("domain").asText();
        }
        JsonResponse v1 = serving(calls.send(instance, get(instance.url("/api/v1/instance"))));
        if (v1.status() == 200 && v1.body().hasNonNull("uri")) {
            return v1.body().path("uri").asText().replaceFirst("^https?://", "");
        }
        return instance.host();
    }

    /** The answer, unless it is a server error: then the instance is unavailable, and its host is no answer. */
    private static JsonResponse serving(JsonResponse response) {
        if (response.status() >= 500) {
            response.requireOk();
        }
        return response;
    }

    /** {@code POST /oauth/revoke} for {@code token}. */
    public RevokeOutcome revoke(ServerInfo server, ClientCredentials client, Secret token) {
        FormBody form = new FormBody.Builder()
                .add("token", token.reveal())
                .add("client_id", client.clientId())
                .add("client_secret", client.clientSecret().reveal())
                .build();
        JsonResponse response = calls.send(server.instance(), post(server.revocationEndpoint(), form));
        if (response.status() == 200) {
            return RevokeOutcome.REVOKED;
        }
        if (response.status() == 403 || response.status() == 401) {
            return RevokeOutcome.REFUSED;
        }
        response.requireOk();
        throw new IllegalStateException("unreachable");
    }

    private static Request get(String url) {
        return new Request.Builder().url(url).header("Accept", "application/json").build();
    }

    private static Request post(String url, FormBody body) {
        return new Request.Builder().url(url).header("Accept", "application/json").post(body).build();
    }

    private static Set<String> strings(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * An endpoint from the metadata document, kept only if it is on the instance's own origin: Mastodon serves every
     * endpoint from its WEB_DOMAIN, and a document pointing elsewhere must not receive client secrets or codes.
     */
    private static String sameOrigin(InstanceAddress instance, JsonNode endpoint, String fallback) {
        String url = endpoint.asText("");
        return url.startsWith(instance.origin() + "/") ? url : fallback;
    }

    static Instant epochSeconds(JsonNode node, Instant fallback) {
        return node.isNumber() ? Instant.ofEpochSecond(node.asLong()) : fallback;
    }
}
