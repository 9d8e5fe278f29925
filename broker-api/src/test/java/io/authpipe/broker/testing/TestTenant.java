package io.authpipe.broker.testing;

/** A tenant created for a test through the admin API, with its plaintext API key. */
public record TestTenant(String id, String apiKey, String returnTo) {
}
