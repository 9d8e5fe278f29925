package io.authpipe.sdk.internal;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tenant API keys: {@code ap_<tenantId>_<43 characters of base64url>}. The tenant is read from the fixed-length tail,
 * so it does not matter that base64url itself may contain {@code _}.
 */
public final class ApiKeys {
    private static final String PREFIX = "ap_";
    private static final int SECRET_LENGTH = 43;
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{" + SECRET_LENGTH + "}");

    private ApiKeys() {
    }

    /** The key's tenant id; empty if {@code key} is not an API key. */
    public static Optional<String> tenantOf(String key) {
        if (key == null || !key.startsWith(PREFIX) || key.length() < PREFIX.length() + 2 + SECRET_LENGTH) {
            return Optional.empty();
        }
        int separator = key.length() - SECRET_LENGTH - 1;
        if (key.charAt(separator) != '_' || !SECRET.matcher(key.substring(separator + 1)).matches()) {
            return Optional.empty();
        }
        return Optional.of(key.substring(PREFIX.length(), separator));
    }
}
