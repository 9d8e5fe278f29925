package io.authpipe.sandbox.mastodon.internal.ratelimit;

import io.authpipe.sandbox.mastodon.RateLimits;
import io.authpipe.sandbox.mastodon.internal.state.AccessToken;
import io.authpipe.sandbox.mastodon.internal.state.SandboxState;
import io.authpipe.sandbox.mastodon.internal.web.BearerTokens;
import io.authpipe.sandbox.mastodon.internal.web.Json;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The Rack::Attack part of Mastodon for {@code /api*} ({@code MASTODON.md} §8), as a before-handler. Throttles are
 * checked in Mastodon's definition order and counting stops at the first exceeded one, which answers
 * {@code 429 {"error":"Too many requests"}}; otherwise the most constrained throttle goes into the headers. The
 * optional per-IP throttle on every request ({@link RateLimits#perIpApiPerWindow()}) stands for a proxy or a
 * GoToSocial-like server, so it comes first: a request it refuses is not counted by Mastodon's throttles.
 */
public final class ApiThrottling {

    private final SandboxState state;
    private final FixedWindowCounter counter = new FixedWindowCounter();
    private final Optional<Throttle> perIp;
    private final Throttle perUser;
    private final Throttle perToken;
    private final Throttle unauthenticated;
    private final Throttle appRegistrations;

    /** Throttles configured from {@link RateLimits}. */
    public ApiThrottling(SandboxState state) {
        this.state = state;
        RateLimits limits = state.config().rateLimits();
        perIp = limits.limitsApiPerIp()
                ? Optional.of(new Throttle("throttle_per_ip_api", limits.perIpApiPerWindow(), limits.apiWindow()))
                : Optional.empty();
        perUser = new Throttle("throttle_authenticated_api", limits.perUserPerWindow(), limits.apiWindow());
        perToken = new Throttle("throttle_per_token_api", limits.perTokenPerWindow(), limits.apiWindow());
        unauthenticated = new Throttle("throttle_unauthenticated_api", limits.unauthenticatedPerWindow(),
                limits.apiWindow());
        appRegistrations = new Throttle("throttle_oauth_application_registrations/ip",
                limits.appRegistrationsPerWindow(), limits.appRegistrationWindow());
    }

    /** Counts the request; answers 429 and skips the endpoint when a throttle is exceeded. */
    public void handle(Context ctx) {
        Instant now = state.now();
        List<ThrottleHit> hits = count(ctx, now);
        Optional<ThrottleHit> exceeded = hits.stream().filter(ThrottleHit::exceeded).findFirst();
        if (exceeded.isPresent()) {
            RateLimitHeaders.apply(ctx, exceeded.get().throttle().limit(), 0, exceeded.get().throttle(), now);
            Json.error(ctx, 429, "Too many requests");
            ctx.skipRemainingHandlers();
            return;
        }
        hits.stream().min(Comparator.comparingLong(ThrottleHit::remaining))
                .ifPresent(hit -> RateLimitHeaders.apply(ctx, hit.throttle().limit(), hit.remaining(),
                        hit.throttle(), now));
    }

    private List<ThrottleHit> count(Context ctx, Instant now) {
        Optional<AccessToken> token = BearerTokens.from(ctx).flatMap(state.tokens()::findByToken);
        Optional<Long> userId = token.map(AccessToken::accountId);
        List<ThrottleHit> hits = new ArrayList<>();
        perIp.ifPresent(throttle -> tryHit(hits, throttle, Optional.of(ctx.ip()), now));
        tryHit(hits, perUser, userId.map(String::valueOf), now);
        tryHit(hits, perToken, token.map(row -> String.valueOf(row.id())), now);
        tryHit(hits, unauthenticated, userId.isEmpty() ? Optional.of(ctx.ip()) : Optional.empty(), now);
        boolean registration = ctx.method() == HandlerType.POST && ctx.path().equals("/api/v1/apps");
        tryHit(hits, appRegistrations, registration ? Optional.of(ctx.ip()) : Optional.empty(), now);
        return hits;
    }

    private void tryHit(List<ThrottleHit> hits, Throttle throttle, Optional<String> discriminator, Instant now) {
        boolean stopped = hits.stream().anyMatch(ThrottleHit::exceeded);
        if (!stopped && discriminator.isPresent()) {
            hits.add(counter.hit(throttle, discriminator.get(), now));
        }
    }
}
