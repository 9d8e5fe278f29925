package io.authpipe.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tenant ids are lowercase letters, digits and '-', 1 to 64 characters, starting with a letter or digit. */
class TenantIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"acme", "acme-2", "0day", "a", "a-", "team-42-eu"})
    void wellFormedIdsAreAccepted(String value) {
        // When
        TenantId tenant = TenantId.of(value);

        // Then
        assertThat(tenant.value()).isEqualTo(value);
        assertThat(tenant).hasToString(value);
    }

    @Test
    void sixtyFourCharactersAreTheLongestAcceptedId() {
        // Given
        String longest = "a".repeat(64);

        // When / Then
        assertThat(TenantId.of(longest).value()).hasSize(64);
        assertThatIllegalArgumentException().isThrownBy(() -> TenantId.of(longest + "a"))
                .withMessageContaining("tenant id must match");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-acme", "Acme", "ACME", "acme_2", "acme:eu", "acme eu", "acme.eu", "acme/eu",
            "bücher", " acme", "acme\n"})
    void malformedIdsAreRefusedWithTheExpectedFormat(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> TenantId.of(value))
                .withMessage("tenant id must match [a-z0-9][a-z0-9-]{0,63}");
    }

    @Test
    void aMissingIdIsRefused() {
        assertThatNullPointerException().isThrownBy(() -> TenantId.of(null)).withMessageContaining("tenant id");
    }

    @Test
    void idsWithTheSameValueAreEqual() {
        assertThat(TenantId.of("acme")).isEqualTo(new TenantId("acme")).isNotEqualTo(TenantId.of("acme-2"));
    }
}
