package io.authpipe.sdk.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.authpipe.api.model.CredentialBody;
import io.authpipe.api.model.ErrorBody;
import io.authpipe.sdk.AuthpipeException;
import io.authpipe.sdk.AuthpipeUnavailableException;
import io.authpipe.sdk.ConnectionNotFoundException;
import io.authpipe.sdk.CredentialExpiredException;
import io.authpipe.sdk.RateLimitedException;
import io.authpipe.sdk.UnauthorizedException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads an answer of {@code GET /v1/credentials/{provider}/{userId}} into a {@link FetchOutcome}: 200 a credential,
 * 410 a revocation, every other status a typed exception as a value. Messages name the route and the server's code
 * and message, never the key or a token.
 */
final class Answers {
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final ObjectMapper json;
    private final Clock clock;

    Answers(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    FetchOutcome read(HttpResponse<byte[]> response, String what) {
        int status = response.statusCode();
        if (status == 200) {
            return parse(response, CredentialBody.class).<FetchOutcome>map(FetchOutcome.Fetched::new)
                    .orElseGet(() -> unavailable(what + " answered 200 with an unreadable body"));
        }
        ErrorBody error = parse(response, ErrorBody.class).orElse(ErrorBody.of("http_" + status, "no error body"));
        String message = what + " answered " + status + " " + error.error() + ": " + error.message();
        return switch (status) {
            case 410 -> new FetchOutcome.Revoked(error.version() == null ? 0 : error.version(), error.status(),
                    error.reason());
            case 404 -> failed(new ConnectionNotFoundException(message));
            case 401, 403 -> failed(new UnauthorizedException(message));
            case 429 -> failed(new RateLimitedException(message, retryAfter(response, error)));
            default -> serverSide(status, error, message, response);
        };
    }

    private FetchOutcome serverSide(int status, ErrorBody error, String message, HttpResponse<byte[]> response) {
        if (status == 503 && "credential_expired".equals(error.error())) {
            return failed(new CredentialExpiredException(message, retryAfter(response, error)));
        }
        if (status >= 500) {
            return new FetchOutcome.Failed(new AuthpipeUnavailableException(message), true);
        }
        return failed(new AuthpipeException(error.error(), message));
    }

    static FetchOutcome transportFailure(Throwable error, String what) {
        Throwable cause = error.getCause() != null && !(error instanceof IOException) ? error.getCause() : error;
        return new FetchOutcome.Failed(new AuthpipeUnavailableException(what + " failed: "
                + cause.getClass().getSimpleName(), cause), true);
    }

    private Duration retryAfter(HttpResponse<byte[]> response, ErrorBody error) {
        Optional<Duration> header = response.headers().firstValue("Retry-After").flatMap(Answers::seconds);
        if (header.isPresent()) {
            return header.get();
        }
        if (error.retryAt() != null) {
            Duration until = Duration.between(clock.instant(), error.retryAt());
            return until.isNegative() ? Duration.ZERO : until;
        }
        return DEFAULT_RETRY_AFTER;
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private <T> Optional<T> parse(HttpResponse<byte[]> response, Class<T> type) {
        try {
            return Optional.ofNullable(json.readValue(response.body(), type));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static FetchOutcome failed(AuthpipeException error) {
        return new FetchOutcome.Failed(error, false);
    }

    private static FetchOutcome unavailable(String message) {
        return new FetchOutcome.Failed(new AuthpipeUnavailableException(message), true);
    }
}
