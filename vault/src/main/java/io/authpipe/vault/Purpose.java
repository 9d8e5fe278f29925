package io.authpipe.vault;

/**
 * What a ciphertext holds. Part of its {@link SecretBinding} and therefore of its AAD, so a refresh token cannot be
 * replayed as an access token, nor a client secret as an API key.
 *
 * <p>The constant's {@link #name()} is written into the AAD: <b>never rename a constant</b>, or every stored ciphertext
 * of that purpose stops decrypting. Adding constants is safe.
 */
public enum Purpose {
    /** An OAuth access token of a connection. */
    ACCESS_TOKEN,
    /** An OAuth refresh token of a connection. */
    REFRESH_TOKEN,
    /** The client secret of an OAuth app registered with a provider instance. */
    CLIENT_SECRET,
    /** The PKCE code verifier of an authorisation flow in progress. */
    PKCE_VERIFIER,
    /** A tenant's API key. */
    API_KEY,
    /** A webhook signing secret. */
    WEBHOOK_SECRET,
    /** An app password a user gave for a provider that uses them (Bluesky-style). */
    APP_PASSWORD,
    /** A key a tenant's producers sign their topic requests with (HMAC-SHA256). */
    PRODUCER_SIGNING_KEY
}
