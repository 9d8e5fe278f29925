package io.authpipe.sandbox.mastodon;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A local account seeded into the sandbox. Users sign in on {@code /auth/sign_in} with their username or e-mail and
 * password. {@code locale} drives the language of localized API errors (only {@code en} and {@code de} have
 * translations; other locales answer in English).
 *
 * @param username    local username, letters, digits and underscores (Mastodon's rule)
 * @param email       e-mail address, also accepted at sign-in
 * @param password    plain-text password (this is a test double)
 * @param displayName {@code display_name} of the Account entity
 * @param locale      user locale, e.g. {@code "en"} or {@code "de"}
 */
public record SandboxUser(String username, String email, String password, String displayName, String locale) {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_]{1,30}");

    /** Seeded user {@code alice} (English). */
    public static final SandboxUser ALICE =
            new SandboxUser("alice", "alice@sandbox.authpipe.test", "alice-password", "Alice Example", "en");
    /** Seeded user {@code bob} (German: his 401 texts come in German unless {@code ?lang=en}). */
    public static final SandboxUser BOB =
            new SandboxUser("bob", "bob@sandbox.authpipe.test", "bob-password", "Bob Example", "de");

    /** Validates the username and that no field is null. */
    public SandboxUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(locale, "locale");
        if (!USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username must match " + USERNAME + ": " + username);
        }
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "SandboxUser[" + username + ", " + email + ", locale=" + locale + "]";
    }
}
