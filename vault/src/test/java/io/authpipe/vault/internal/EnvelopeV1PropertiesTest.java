package io.authpipe.vault.internal;

import static io.authpipe.vault.CryptoAssertions.assertDecryptionFails;

import io.authpipe.vault.SecretBinding;
import io.authpipe.vault.TestArbitraries;
import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The AAD alone (same DEK, no KMS in the way) binds an envelope to every field of its binding. */
class EnvelopeV1PropertiesTest {
    private static final SecretKey DEK = AesGcm.key(GoldenVectors.DEK);

    @Property
    void envelopeDoesNotOpenUnderABindingWithAnyFieldChanged(@ForAll("changedBindings") SecretBinding other) {
        byte[] envelope = EnvelopeV1.seal(DEK, 1, GoldenVectors.BINDING, "tok".getBytes(StandardCharsets.UTF_8));
        assertDecryptionFails(() -> EnvelopeV1.open(DEK, other, envelope));
    }

    @Provide
    Arbitrary<SecretBinding> changedBindings() {
        return TestArbitraries.changedFrom(GoldenVectors.BINDING);
    }
}
