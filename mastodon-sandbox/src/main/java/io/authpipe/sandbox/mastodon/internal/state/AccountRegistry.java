package io.authpipe.sandbox.mastodon.internal.state;

import io.authpipe.sandbox.mastodon.SandboxUser;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The seeded local accounts; lookups by username are case-insensitive. Thread-safe. */
public final class AccountRegistry {

    /** Snowflake-looking base so ids resemble real Mastodon ids. */
    private static final long ID_BASE = 110_000_000_000_000_000L;

    private final Map<String, Account> byUsername = new ConcurrentHashMap<>();

    /** Seeds one account per user, created at {@code now}. */
    public AccountRegistry(List<SandboxUser> users, Instant now) {
        long next = ID_BASE;
        for (SandboxUser user : users) {
            next += 1;
            byUsername.put(key(user.username()), new Account(next, user, now.truncatedTo(ChronoUnit.DAYS),
                    AccountStatus.ACTIVE));
        }
    }

    /** The account with this username, in any state. */
    public Optional<Account> byUsername(String username) {
        return username == null ? Optional.empty() : Optional.ofNullable(byUsername.get(key(username)));
    }

    /** The account with this id, in any state. */
    public Optional<Account> byId(long id) {
        return byUsername.values().stream().filter(account -> account.id() == id).findFirst();
    }

    /** The account to sign in as: matched by username or e-mail, never a deleted account. */
    public Optional<Account> forSignIn(String login, String password) {
        if (login == null || password == null) {
            return Optional.empty();
        }
        String wanted = login.trim();
        return byUsername.values().stream()
                .filter(account -> account.status() != AccountStatus.DELETED)
                .filter(account -> account.username().equalsIgnoreCase(wanted)
                        || account.user().email().equalsIgnoreCase(wanted))
                .filter(account -> account.user().password().equals(password))
                .findFirst();
    }

    /** Moves the account to {@code status}. */
    public Account setStatus(String username, AccountStatus status) {
        Account updated = byUsername.computeIfPresent(key(username), (name, account) -> account.withStatus(status));
        if (updated == null) {
            throw new IllegalArgumentException("unknown user: " + username);
        }
        return updated;
    }

    /** All accounts, by id. */
    public List<Account> all() {
        return byUsername.values().stream().sorted(Comparator.comparingLong(Account::id)).toList();
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
