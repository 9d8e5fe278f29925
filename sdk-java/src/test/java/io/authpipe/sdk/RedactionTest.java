package io.authpipe.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.api.model.Account;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {
    static final String TOKEN = "secret-token-value";

    @Test
    void aCredentialPrintsNoToken() {
        Credential credential = new Credential(AccessToken.of(TOKEN), "Bearer", Instant.EPOCH, List.of("read"),
                "active", 3, new Account("1", "alice", "alice", null, null, "Alice"));

        assertThat(credential.toString()).doesNotContain(TOKEN).contains("AccessToken[redacted]");
        assertThat(credential.token().reveal()).isEqualTo(TOKEN);
    }

    @Test
    void aBadKeyIsNotRepeatedInTheError() {
        String key = "not-a-key-" + TOKEN;

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Authpipe.builder().apiKey(key).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(TOKEN);
    }
}
