package io.authpipe.sdk.internal;

import io.authpipe.api.model.CredentialBody;
import io.authpipe.sdk.AuthpipeException;

/** What one {@code GET /v1/credentials/...} (with its retries) came to: failures as values, not thrown. */
sealed interface FetchOutcome {
    /** 200. */
    record Fetched(CredentialBody body) implements FetchOutcome {
    }

    /** 410 {@code connection_revoked}. */
    record Revoked(long version, String status, String reason) implements FetchOutcome {
    }

    /** Anything else; {@code retryable} for transport failures and 5xx other than {@code credential_expired}. */
    record Failed(AuthpipeException error, boolean retryable) implements FetchOutcome {
    }
}
