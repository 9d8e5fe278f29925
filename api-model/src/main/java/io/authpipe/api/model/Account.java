package io.authpipe.api.model;

/** The provider account a connection holds: public profile data, never a secret. */
public record Account(String id, String username, String acct, String url, String uri, String displayName) {
}
