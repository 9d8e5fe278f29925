package io.authpipe.vault.kms;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.KekRef;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of an embedded KMS's tenant KEK ref, {@code <scheme>:<tenant>:<n>:<16 hex fingerprint>}, or of its short
 * form without the fingerprint (what {@code resolve} accepts in place of an alias).
 *
 * @param scheme      {@code local} or {@code memory}
 * @param tenant      the owning tenant
 * @param number      the tenant's n-th KEK, from 1
 * @param fingerprint first 16 hex chars of SHA-256 of the KEK; empty in the short form
 */
record TenantKekRef(String scheme, TenantId tenant, int number, Optional<String> fingerprint) {
    private static final Pattern FORM = Pattern.compile("([a-z]+):([a-z0-9][a-z0-9-]{0,63}):([1-9][0-9]{0,8})(?::([0-9a-f]{16}))?");

    /** The parts of {@code value}, if it is such a ref of {@code scheme}. */
    static Optional<TenantKekRef> parse(String scheme, String value) {
        Matcher m = FORM.matcher(value);
        if (!m.matches() || !m.group(1).equals(scheme)) {
            return Optional.empty();
        }
        return Optional.of(new TenantKekRef(scheme, TenantId.of(m.group(2)), Integer.parseInt(m.group(3)),
                Optional.ofNullable(m.group(4))));
    }

    /** The canonical ref of the n-th KEK of {@code tenant} whose fingerprint is {@code fingerprint}. */
    static KekRef canonical(String scheme, TenantId tenant, int number, String fingerprint) {
        return new KekRef(scheme + ":" + tenant.value() + ":" + number + ":" + fingerprint);
    }

    /** This ref with {@code actual} as fingerprint, if it names none or the same one. */
    Optional<KekRef> canonicalIfMatches(String actual) {
        return fingerprint.isEmpty() || fingerprint.get().equals(actual)
                ? Optional.of(canonical(scheme, tenant, number, actual))
                : Optional.empty();
    }

    /** Whether this ref (canonical or short) names the key whose canonical ref is {@code canonical}. */
    boolean names(TenantKekRef canonical) {
        return scheme.equals(canonical.scheme) && tenant.equals(canonical.tenant) && number == canonical.number
                && (fingerprint.isEmpty() || fingerprint.equals(canonical.fingerprint));
    }
}
