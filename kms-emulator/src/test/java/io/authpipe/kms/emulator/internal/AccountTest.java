package io.authpipe.kms.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccountTest {

    private static final UUID ID = UUID.fromString("1234abcd-12ab-34cd-56ef-1234567890ab");

    private final Account account = Account.defaults();

    @Test
    void keyIdsAndKeyArnsNameTheKey() {
        assertThat(account.parse(ID.toString())).isEqualTo(new Account.KeyReference.Key(ID));
        assertThat(account.parse(account.keyArn(ID))).isEqualTo(new Account.KeyReference.Key(ID));
        assertThat(account.keyArn(ID)).isEqualTo("arn:aws:kms:us-east-1:000000000000:key/" + ID);
    }

    @Test
    void aliasNamesAndAliasArnsNameTheAlias() {
        assertThat(account.parse("alias/a")).isEqualTo(new Account.KeyReference.Alias("alias/a"));
        assertThat(account.parse("arn:aws:kms:us-east-1:000000000000:alias/a"))
                .isEqualTo(new Account.KeyReference.Alias("alias/a"));
    }

    @Test
    void arnsOfAnotherRegionOrAccountAndMalformedIdsAreNotFound() {
        assertThatThrownBy(() -> account.parse("arn:aws:kms:eu-west-1:000000000000:key/" + ID))
                .isInstanceOf(ServiceError.class).hasMessageContaining("Invalid arn");
        assertThatThrownBy(() -> account.parse("arn:aws:kms:us-east-1:111111111111:alias/a"))
                .isInstanceOf(ServiceError.class);
        assertThatThrownBy(() -> account.parse("key/" + ID)).isInstanceOf(ServiceError.class);
        assertThatThrownBy(() -> account.parse("1234")).isInstanceOf(ServiceError.class);
    }
}
