package io.authpipe.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.core.instance.InstanceAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads the account of a {@code verify_credentials} answer, refusing one Authpipe must not record. The instance is
 * not trusted to describe its user; what a tenant receives as the account was checked:
 * <table>
 *   <caption>field rules</caption>
 *   <tr><td>{@code id}</td><td>1–64 letters, digits, {@code -} or {@code _} (Mastodon: digits; Akkoma: base62;
 *       GoToSocial: ULID); a JSON string or whole number</td></tr>
 *   <tr><td>{@code username}</td><td>Mastodon's rule {@code [a-z0-9_]+([a-z0-9_.-]+[a-z0-9_]+)?}, any case, at most
 *       {@value #MAX_USERNAME} characters</td></tr>
 *   <tr><td>{@code acct}</td><td>{@code username} (a local account: the handle is {@code username@}{@link HandleDomain})
 *       or {@code username@domain} with the same username and the domain being the instance's host or its
 *       handle domain; absent means {@code username}</td></tr>
 *   <tr><td>{@code url}, {@code uri}</td><td>{@link ProfileUrls} on the instance's host or on (or under) its handle
 *       domain; absent or empty: none</td></tr>
 *   <tr><td>{@code avatar}, {@code header}</td><td>{@link ProfileUrls} on any host (media often lives on a CDN);
 *       not recorded, but a server sending {@code javascript:} there is not one to trust with the rest</td></tr>
 *   <tr><td>{@code display_name}</td><td>{@link DisplayNames#clean cleaned}: controls dropped, length bounded</td></tr>
 * </table>
 * A refusal names the field and the rule, never the value (it came from the instance and goes to logs).
 */
final class AccountReader {
    static final int MAX_ID = 64;
    static final int MAX_USERNAME = 64;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_ID + "}");
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9_]+([a-z0-9_.-]+[a-z0-9_]+)?",
            Pattern.CASE_INSENSITIVE);

    private AccountReader() {
    }

    static VerifyOutcome read(JsonNode body, InstanceAddress instance, String reportedLocalDomain) {
        if (!body.isObject()) {
            return invalid("the answer is not a JSON object");
        }
        String handleDomain = HandleDomain.of(instance, reportedLocalDomain);
        Predicate<String> ownHost = host -> host.equals(instance.host()) || HandleDomain.isAtOrUnder(host, handleDomain);
        Optional<String> id = text(body, "id", true);
        Optional<String> username = text(body, "username", false);
        if (id.isEmpty() || !ID.matcher(id.get()).matches()) {
            return invalid("id is not 1 to " + MAX_ID + " letters, digits, '-' or '_'");
        }
        if (username.isEmpty() || username.get().length() > MAX_USERNAME || !USERNAME.matcher(username.get()).matches()) {
            return invalid("username does not follow Mastodon's username rule");
        }
        return rest(body, instance, handleDomain, ownHost, id.get(), username.get());
    }

    private static VerifyOutcome rest(JsonNode body, InstanceAddress instance, String handleDomain,
                                      Predicate<String> ownHost, String id, String username) {
        Optional<String> acct = handle(body, instance, handleDomain, username);
        if (acct.isEmpty()) {
            return invalid("acct is neither the username nor username@ the instance's own domain");
        }
        for (String field : new String[] {"url", "uri"}) {
            if (!urlAcceptable(body, field, ownHost)) {
                return invalid(field + " is not an http(s) URL on the instance's own domain");
            }
        }
        for (String field : new String[] {"avatar", "header"}) {
            if (!urlAcceptable(body, field, host -> true)) {
                return invalid(field + " is not an http(s) URL");
            }
        }
        if (body.has("display_name") && !body.get("display_name").isTextual() && !body.get("display_name").isNull()) {
            return invalid("display_name is not a string");
        }
        String displayName = body.path("display_name").isTextual()
                ? DisplayNames.clean(body.path("display_name").asText()) : null;
        return new VerifyOutcome.Verified(new MastodonAccount(id, username, acct.get(), optionalUrl(body, "url"),
                optionalUrl(body, "uri"), displayName));
    }

    /** The full handle, or empty when {@code acct} names another user or another domain. */
    private static Optional<String> handle(JsonNode body, InstanceAddress instance, String handleDomain,
                                           String username) {
        JsonNode node = body.path("acct");
        if (node.isMissingNode() || node.isNull()) {
            return Optional.of(username + "@" + handleDomain);
        }
        if (!node.isTextual()) {
            return Optional.empty();
        }
        String[] parts = node.asText().split("@", -1);
        if (parts.length > 2 || !parts[0].equalsIgnoreCase(username)) {
            return Optional.empty();
        }
        if (parts.length == 1) {
            return Optional.of(parts[0] + "@" + handleDomain);
        }
        String domain = parts[1].toLowerCase(Locale.ROOT);
        return domain.equals(handleDomain) || domain.equals(instance.host())
                ? Optional.of(parts[0] + "@" + domain) : Optional.empty();
    }

    private static boolean urlAcceptable(JsonNode body, String field, Predicate<String> hostAllowed) {
        JsonNode node = body.path(field);
        if (node.isMissingNode() || node.isNull() || node.isTextual() && node.asText().isEmpty()) {
            return true;
        }
        return node.isTextual() && ProfileUrls.host(node.asText()).filter(hostAllowed).isPresent();
    }

    private static String optionalUrl(JsonNode body, String field) {
        String value = body.path(field).asText("");
        return value.isEmpty() ? null : value;
    }

    /** A string field (or, if {@code numbers}, a whole number written as one), else empty. */
    private static Optional<String> text(JsonNode body, String field, boolean numbers) {
        JsonNode node = body.path(field);
        if (node.isTextual() || numbers && node.isIntegralNumber()) {
            return Optional.of(node.asText());
        }
        return Optional.empty();
    }

    private static VerifyOutcome invalid(String reason) {
        return new VerifyOutcome.InvalidAccount(reason);
    }
}
