package io.authpipe.vault;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions that a crypto failure is the opaque one. */
public final class CryptoAssertions {
    private CryptoAssertions() {
    }

    /** {@code call} throws exactly {@code VaultCryptoException("decryption failed")}, with no cause to leak detail. */
    public static void assertDecryptionFails(ThrowingCallable call) {
        assertThatThrownBy(call)
                .isExactlyInstanceOf(VaultCryptoException.class)
                .hasMessage("decryption failed")
                .hasNoCause();
    }
}
