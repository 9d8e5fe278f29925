package io.authpipe.sandbox.mastodon.internal.state;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * An ordered, duplicate-free list of scope strings. Parsing splits on any whitespace and keeps first-seen order
 * ({@code MASTODON.md} §7 "Parsing"); all checks are literal string membership, never hierarchical.
 *
 * @param values the scopes in request order
 */
public record ScopeSet(List<String> values) {

    /** Copies {@code values}. */
    public ScopeSet {
        values = List.copyOf(new LinkedHashSet<>(values));
    }

    /** Parses a space-separated scope string; {@code null} gives the empty set. */
    public static ScopeSet parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return new ScopeSet(List.of());
        }
        return new ScopeSet(List.of(raw.trim().split("\\s+")));
    }

    /** A set of the given scopes. */
    public static ScopeSet of(String... scopes) {
        return new ScopeSet(List.of(scopes));
    }

    /** Whether there is no scope at all. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Whether {@code scope} is in the set. */
    public boolean contains(String scope) {
        return values.contains(scope);
    }

    /** Order-insensitive equality, as Doorkeeper compares scopes for token reuse and auto-approval. */
    public boolean sameSetAs(ScopeSet other) {
        return new HashSet<>(values).equals(new HashSet<>(other.values));
    }

    /** Whether every scope here is literally in {@code allowed}. */
    public boolean isSubsetOf(Collection<String> allowed) {
        return allowed.containsAll(values);
    }

    /** Whether at least one of {@code acceptable} is in the set (how endpoints check scopes, §7). */
    public boolean containsAny(Collection<String> acceptable) {
        return acceptable.stream().anyMatch(values::contains);
    }

    /** Only the scopes also in {@code other}, in this set's order. */
    public ScopeSet intersect(Collection<String> other) {
        return new ScopeSet(values.stream().filter(other::contains).toList());
    }

    /** The space-joined form used in token responses. */
    public String asString() {
        return String.join(" ", values);
    }
}
