package io.authpipe.records;

import io.authpipe.events.AccountInfo;
import io.authpipe.mastodon.MastodonAccount;

/** A provider's account as the Avro {@link AccountInfo} the topics carry. */
public final class AccountRecords {
    private AccountRecords() {
    }

    public static AccountInfo of(MastodonAccount account) {
        return new AccountInfo(account.id(), account.username(), account.acct(), account.url(), account.uri(),
                account.displayName());
    }
}
