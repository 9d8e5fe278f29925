package io.authpipe.broker.flow;

import io.authpipe.broker.api.ApiProblem;
import io.authpipe.broker.tenant.ReturnUrls;
import io.authpipe.broker.tenant.Tenant;
import io.authpipe.core.identity.ProviderId;
import io.authpipe.core.identity.UserId;
import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.core.instance.InvalidInstanceException;
import java.util.List;
import java.util.Optional;

/** Checks the fields of a {@link ConnectCommand} that need no network, each with a precise problem. */
final class ConnectValidation {
    private ConnectValidation() {
    }

    /** The first problem with {@code command}, if any. */
    static Optional<ApiProblem> problems(Tenant tenant, ConnectCommand command) {
        if (!ProviderId.MASTODON.value().equals(command.provider())) {
            return Optional.of(ApiProblem.badRequest("unsupported_provider",
                    "provider must be \"mastodon\"; got " + quoted(command.provider())));
        }
        try {
            UserId.of(command.userId());
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.of(ApiProblem.badRequest("invalid_user_id", "userId: " + e.getMessage()));
        }
        return scopeProblem(command.scopes())
                .or(() -> returnToProblem(tenant, command.returnTo()))
                .or(() -> challengeProblem(command.stateChallenge()));
    }

    private static Optional<ApiProblem> challengeProblem(Optional<String> challenge) {
        if (challenge.isPresent() && !StateToken.isChallenge(challenge.get())) {
            return Optional.of(ApiProblem.badRequest("invalid_state_challenge",
                    "stateChallenge must be the base64url SHA-256 (43 characters, no padding) of your state secret"));
        }
        return Optional.empty();
    }

    static Optional<ApiProblem> scopeProblem(List<String> scopes) {
        if (scopes == null || scopes.isEmpty()) {
            return Optional.of(ApiProblem.badRequest("invalid_scope", "scopes must name at least one scope"));
        }
        Optional<String> unknown = scopes.stream().filter(s -> s == null || !ScopeCatalog.isMastodonScope(s)).findFirst();
        if (unknown.isPresent()) {
            return Optional.of(ApiProblem.badRequest("invalid_scope", "unknown scope " + quoted(unknown.get())
                    + "; Mastodon scopes are read, write, follow, push, profile and their read:*, write:*, admin:* forms"));
        }
        if (scopes.stream().noneMatch(ScopeCatalog.ACCOUNT_READABLE::contains)) {
            return Optional.of(ApiProblem.badRequest("invalid_scope",
                    "scopes must include one of profile, read or read:accounts so the account can be verified"));
        }
        return Optional.empty();
    }

    /** A {@code returnTo} is optional (a popup's flow ends on Authpipe's finish page); one given must be registered. */
    private static Optional<ApiProblem> returnToProblem(Tenant tenant, String returnTo) {
        if (returnTo != null && !returnTo.isEmpty() && !ReturnUrls.isRegistered(tenant, returnTo)) {
            return Optional.of(ApiProblem.badRequest("return_to_not_registered",
                    "returnTo must be one of the tenant's registered return URLs (same origin and path)"));
        }
        return Optional.empty();
    }

    static InstanceAddress instance(String input) {
        try {
            return InstanceAddress.parse(input);
        } catch (InvalidInstanceException e) {
            throw ApiProblem.badRequest("invalid_instance", e.getMessage()).toException();
        }
    }

    private static String quoted(String value) {
        return value == null ? "nothing" : '"' + value + '"';
    }
}
