package io.authpipe.broker.session;

import io.authpipe.api.model.ConnectSessionBody;
import io.authpipe.broker.api.ApiProblem;
import io.authpipe.broker.flow.ConnectCommand;
import io.authpipe.broker.flow.ConnectLinks;
import io.authpipe.broker.flow.ConnectOutcome;
import io.authpipe.broker.flow.ConnectService;
import io.authpipe.broker.flow.FlowResult;
import io.authpipe.broker.flow.FlowSessions;
import io.authpipe.broker.tenant.Tenant;
import io.authpipe.broker.tenant.TenantDirectory;
import io.authpipe.core.identity.TenantId;
import io.authpipe.core.secret.Secret;
import io.authpipe.events.BrowserBinding;
import io.authpipe.events.ConnectSession;
import io.authpipe.events.ConnectionRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connect sessions: what the browser holds instead of an API key. A tenant's backend opens one for a user
 * ({@link #open}); the connect page reads it ({@link #view}) and, on the user's click, starts a flow bound to the
 * clicking browser ({@link #start}); the callback reports how the flow ended ({@link FlowSessions}), which the
 * opener learns by message or poll. A session connects one account, then starts no more flows.
 *
 * <p>{@code POST /v1/connect} and connect requests get a session too ({@link #link}): their link opens the connect
 * page, so no flow completes without a click in the browser that will carry it.
 */
public final class ConnectSessionService implements ConnectLinks, FlowSessions {
    /** The longest a session lives. */
    public static final Duration MAX_TTL = Duration.ofMinutes(30);
    public static final String PAGE_PATH = "/connect";
    private static final Logger LOG = LoggerFactory.getLogger(ConnectSessionService.class);
    private static final String DEFAULT_PROVIDER = "mastodon";
    private static final List<String> DEFAULT_SCOPES = List.of("read");
    private static final int MAX_ORIGINS = 10;
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,128}");
    private static final Set<String> MODES = Set.of("popup", "redirect", "page");
    private static final String PENDING = "pending";
    private static final String CONNECTED = "connected";
    private static final String EXPIRED = "expired";

    private final ConnectService connect;
    private final ConnectSessions sessions;
    private final TenantDirectory tenants;
    private final String connectPage;
    private final Duration ttl;
    private final Clock clock;

    /**
     * @param publicUrl where browsers reach this broker-api, for the connect page's URL
     * @param ttl       how long a session lives (at most {@link #MAX_TTL})
     */
    public ConnectSessionService(ConnectService connect, ConnectSessions sessions, TenantDirectory tenants,
                                 String publicUrl, Duration ttl, Clock clock) {
        if (ttl.compareTo(MAX_TTL) > 0 || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a connect session lives more than 0 and at most 30 minutes");
        }
        this.connect = connect;
        this.sessions = sessions;
        this.tenants = tenants;
        this.connectPage = publicUrl + PAGE_PATH;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Opens a session for a tenant's user, refusing at once what would refuse its flow later. */
    public SessionOutcome open(Tenant tenant, SessionRequest request) {
        List<String> origins = new ArrayList<>();
        for (String origin : request.allowedOrigins()) {
            Optional<String> normalised = Origins.normalise(origin);
            if (normalised.isEmpty()) {
                return refused(ApiProblem.badRequest("invalid_origin", "allowedOrigins: \"" + origin
                        + "\" is not an origin (scheme://host[:port], http or https, nothing after)"));
            }
            origins.add(normalised.get());
        }
        if (origins.isEmpty() || origins.size() > MAX_ORIGINS) {
            return refused(ApiProblem.badRequest("invalid_origin",
                    "allowedOrigins must name 1 to " + MAX_ORIGINS + " origins"));
        }
        Duration lifetime = request.expiresIn().orElse(ttl);
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(ttl) > 0) {
            return refused(ApiProblem.badRequest("invalid_expires_in",
                    "expiresInSeconds must be 1 to " + ttl.toSeconds()));
        }
        ConnectCommand command = new ConnectCommand(request.provider().orElse(DEFAULT_PROVIDER), request.userId(),
                request.instance().orElse(null), request.scopes().orElse(DEFAULT_SCOPES),
                request.returnTo().orElse(null), false);
        Optional<ApiProblem> problem = request.instance().isPresent() ? connect.check(tenant, command)
                : connect.checkFields(tenant, command);
        if (problem.isPresent()) {
            return refused(problem.get());
        }
        String id = sessions.newId();
        SessionToken token = SessionToken.mint(id);
        ConnectSession session = newSession(tenant, command, token.hash(), origins, lifetime);
        sessions.open(id, session);
        return new SessionOutcome.Opened(id, token.whole(), session.getExpiresAt(), pageUrl(token.whole().reveal()));
    }

    /**
     * A link to the connect page for a whole command (instance, scopes and returnTo given): with a new token, or,
     * when the command carries the producer's challenge, with the session id only, for the producer to append its
     * secret to.
     */
    @Override
    public ConnectOutcome link(Tenant tenant, ConnectCommand command) {
        Optional<ApiProblem> problem = connect.check(tenant, command);
        if (problem.isPresent()) {
            return new ConnectOutcome.Refused(problem.get());
        }
        String id = sessions.newId();
        Optional<SessionToken> token = command.stateChallenge().isPresent() ? Optional.empty()
                : Optional.of(SessionToken.mint(id));
        String tokenHash = token.map(SessionToken::hash).orElseGet(() -> command.stateChallenge().get());
        ConnectSession session = newSession(tenant, command, tokenHash, List.of(), ttl);
        sessions.open(id, session);
        String link = pageUrl(token.map(t -> t.whole().reveal()).orElse(id + SessionToken.SEPARATOR));
        return new ConnectOutcome.AuthorizeLink(link, session.getExpiresAt());
    }

    private ConnectSession newSession(Tenant tenant, ConnectCommand command, String tokenHash, List<String> origins,
                                      Duration lifetime) {
        Instant now = clock.instant();
        return ConnectSession.newBuilder()
                .setConnection(new ConnectionRef(tenant.id().value(), command.provider(), command.userId()))
                .setTokenHash(tokenHash)
                .setInstance(command.instance())
                .setScopes(command.scopes())
                .setAllowedOrigins(origins)
                .setReturnTo(command.returnTo())
                .setForceLogin(command.forceLogin())
                .setCreatedAt(now)
                .setExpiresAt(now.plus(lifetime))
                .setStatus(PENDING)
                .build();
    }

    private String pageUrl(String token) {
        return connectPage + "#token=" + token;
    }

    /** A session as its token holder sees it, and the origins that may read it cross-origin (CORS). */
    public record SessionView(ConnectSessionBody body, List<String> allowedOrigins) {
    }

    /** The session {@code token} opens, as the connect page and the opener see it. */
    public Optional<SessionView> view(String id, String token) {
        return authenticated(id, token).map(session -> new SessionView(body(id, session),
                session.getAllowedOrigins()));
    }

    private ConnectSessionBody body(String id, ConnectSession session) {
        ConnectionRef ref = session.getConnection();
        String appName = tenant(ref).map(Tenant::displayName).orElse(ref.getTenantId());
        boolean connected = session.getStatus().equals(CONNECTED);
        return new ConnectSessionBody(id, status(session), ref.getProvider(), ref.getUserId(),
                new ConnectSessionBody.App(appName), session.getInstance(), session.getExpiresAt(),
                session.getError(), connected ? new ConnectSessionBody.SessionConnection(ref.getProvider(),
                ref.getUserId(), ref.getProvider() + ":" + ref.getUserId(), new ConnectSessionBody.AccountSummary(
                session.getAccountAcct(), session.getAccountDisplayName())) : null);
    }

    /** The stored status, or {@code expired} once a session that connected nothing is past its time. */
    private String status(ConnectSession session) {
        boolean expired = !clock.instant().isBefore(session.getExpiresAt());
        return !session.getStatus().equals(CONNECTED) && expired ? EXPIRED : session.getStatus();
    }

    /** The user's click on the connect page: a flow bound to this browser, or why not. */
    public SessionOutcome start(String id, String token, StartRequest request) {
        Optional<ConnectSession> found = authenticated(id, token);
        if (found.isEmpty()) {
            return refused(unknown());
        }
        ConnectSession session = found.get();
        Optional<Tenant> tenant = tenant(session.getConnection());
        if (tenant.isEmpty()) {
            return refused(ApiProblem.of(410, "tenant_deleted", "the app that started this connection is gone"));
        }
        Optional<ApiProblem> problem = startProblem(session, request);
        if (problem.isPresent()) {
            return refused(problem.get());
        }
        String cookie = BrowserCookie.reuseOrMint(request.browserCookie());
        BrowserBinding browser = BrowserBinding.newBuilder()
                .setCookieHash(BrowserCookie.hash(cookie))
                .setSessionId(id)
                .setMode(request.mode())
                .setOpenerOrigin(request.origin().flatMap(Origins::normalise).orElse(null))
                .setNonce(request.nonce().orElse(null))
                .build();
        ConnectionRef ref = session.getConnection();
        ConnectCommand command = new ConnectCommand(ref.getProvider(), ref.getUserId(),
                Optional.ofNullable(session.getInstance()).or(request::instance).orElse(null), session.getScopes(),
                Optional.ofNullable(session.getReturnTo()).orElse(""), session.getForceLogin());
        ConnectOutcome outcome = connect.start(tenant.get(), command, browser);
        if (outcome instanceof ConnectOutcome.Refused r) {
            return refused(r.problem());
        }
        return new SessionOutcome.Started(((ConnectOutcome.AuthorizeLink) outcome).authorizeUrl(), Secret.of(cookie));
    }

    private Optional<ApiProblem> startProblem(ConnectSession session, StartRequest request) {
        String status = status(session);
        if (status.equals(CONNECTED)) {
            return Optional.of(ApiProblem.of(409, "session_completed",
                    "this connection was already completed; start again from the app"));
        }
        if (status.equals(EXPIRED)) {
            return Optional.of(ApiProblem.of(410, "session_expired", "this link has expired; start again from the app"));
        }
        if (!MODES.contains(request.mode())) {
            return Optional.of(ApiProblem.badRequest("invalid_mode", "mode must be popup, redirect or page"));
        }
        if (request.nonce().isPresent() && !NONCE.matcher(request.nonce().get()).matches()) {
            return Optional.of(ApiProblem.badRequest("invalid_nonce", "nonce must be 16 to 128 base64url characters"));
        }
        Optional<String> origin = request.origin().flatMap(Origins::normalise);
        boolean originAllowed = origin.isPresent() && session.getAllowedOrigins().contains(origin.get());
        if ((request.origin().isPresent() || request.mode().equals("popup")) && !originAllowed) {
            return Optional.of(ApiProblem.of(403, "origin_not_allowed",
                    "the page that opened this connection is not one the app allowed"));
        }
        if (request.mode().equals("redirect") && session.getReturnTo() == null) {
            return Optional.of(ApiProblem.badRequest("return_to_required",
                    "redirect mode needs the session's returnTo"));
        }
        if (session.getInstance() == null && request.instance().filter(i -> !i.isBlank()).isEmpty()) {
            return Optional.of(ApiProblem.badRequest("instance_required", "enter the address of your server"));
        }
        return Optional.empty();
    }

    @Override
    public boolean completed(BrowserBinding browser) {
        return sessions.find(browser.getSessionId()).map(s -> s.getStatus().equals(CONNECTED)).orElse(false);
    }

    @Override
    public void ended(BrowserBinding browser, FlowResult result) {
        Optional<ConnectSession> session = sessions.find(browser.getSessionId());
        if (session.isEmpty()) {
            LOG.warn("flow ended for a session this instance does not hold session={}", browser.getSessionId());
            return;
        }
        String status = result.isConnected() ? CONNECTED
                : result.error().filter("access_denied"::equals).map(e -> "denied").orElse("failed");
        try {
            sessions.update(browser.getSessionId(), ConnectSession.newBuilder(session.get())
                    .setStatus(status)
                    .setError(result.error().orElse(null))
                    .setAccountAcct(result.acct().orElse(null))
                    .setAccountDisplayName(result.displayName().orElse(null))
                    .setCompletedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
                    .build());
        } catch (RuntimeException e) {
            LOG.warn("could not record how a flow ended; its opener learns it from the finish page only session={} "
                    + "cause={}", browser.getSessionId(), e.getClass().getSimpleName());
        }
    }

    private Optional<ConnectSession> authenticated(String id, String token) {
        Optional<SessionToken> parsed = SessionToken.parse(token);
        if (parsed.isEmpty() || !parsed.get().id().equals(id)) {
            return Optional.empty();
        }
        return sessions.find(id).filter(parsed.get()::opens);
    }

    private Optional<Tenant> tenant(ConnectionRef ref) {
        try {
            return tenants.find(TenantId.of(ref.getTenantId()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static ApiProblem unknown() {
        return ApiProblem.notFound("unknown_session", "this connect session is unknown, or the token does not open it");
    }

    private static SessionOutcome refused(ApiProblem problem) {
        return new SessionOutcome.Refused(problem);
    }
}
