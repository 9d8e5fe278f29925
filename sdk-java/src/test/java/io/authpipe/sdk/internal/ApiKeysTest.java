package io.authpipe.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeysTest {
    static final String SECRET = "abc_DEF-ghi_jkl".repeat(3).substring(0, 43);

    @Test
    void theTenantIsReadFromTheKey() {
        assertThat(ApiKeys.tenantOf("ap_acme_" + SECRET)).contains("acme");
        assertThat(ApiKeys.tenantOf("ap_team-2_" + SECRET)).contains("team-2");
    }

    @Test
    void aSecretContainingUnderscoresDoesNotMoveTheTenant() {
        assertThat(ApiKeys.tenantOf("ap_acme__" + SECRET.substring(1))).contains("acme");
    }

    @Test
    void anythingElseIsNotAKey() {
        assertThat(ApiKeys.tenantOf("acme_" + SECRET)).isEmpty();
        assertThat(ApiKeys.tenantOf("ap_acme_short")).isEmpty();
        assertThat(ApiKeys.tenantOf("ap__" + SECRET)).isEmpty();
        assertThat(ApiKeys.tenantOf("ap_acme_" + SECRET.substring(1) + "!")).isEmpty();
        assertThat(ApiKeys.tenantOf(null)).isEmpty();
    }
}
