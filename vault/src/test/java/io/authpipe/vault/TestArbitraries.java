package io.authpipe.vault;

import io.authpipe.core.identity.TenantId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** jqwik generators shared by the vault's property tests. */
public final class TestArbitraries {
    private TestArbitraries() {
    }

    /** Well-formed Unicode text (no lone surrogates), 0 to 200 code points, supplementary characters included. */
    public static Arbitrary<String> text() {
        return Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(codePoint -> codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE)
                .list().ofMaxSize(200)
                .map(codePoints -> new String(codePoints.stream().mapToInt(Integer::intValue).toArray(), 0, codePoints.size()));
    }

    /** Bindings that differ from {@code base} in exactly one field: tenant, provider, subject or purpose. */
    public static Arbitrary<SecretBinding> changedFrom(SecretBinding base) {
        return Arbitraries.oneOf(
                tenantIds().filter(id -> !id.equals(base.tenant()))
                        .map(t -> new SecretBinding(t, base.provider(), base.subject(), base.purpose())),
                text().filter(p -> !p.isEmpty() && !p.equals(base.provider()))
                        .map(p -> new SecretBinding(base.tenant(), p, base.subject(), base.purpose())),
                text().filter(s -> !s.isEmpty() && !s.equals(base.subject()))
                        .map(s -> new SecretBinding(base.tenant(), base.provider(), s, base.purpose())),
                Arbitraries.of(Purpose.class).filter(p -> p != base.purpose())
                        .map(p -> new SecretBinding(base.tenant(), base.provider(), base.subject(), p)));
    }

    /** Valid tenant ids. */
    public static Arbitrary<TenantId> tenantIds() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-").ofMinLength(1).ofMaxLength(20)
                .filter(id -> id.charAt(0) != '-').map(TenantId::of);
    }
}
