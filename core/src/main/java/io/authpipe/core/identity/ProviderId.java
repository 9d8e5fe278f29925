package io.authpipe.core.identity;

import java.util.Objects;
import java.util.regex.Pattern;

/** A provider family Authpipe speaks to, such as {@code mastodon}. */
public record ProviderId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    public static final ProviderId MASTODON = new ProviderId("mastodon");

    public ProviderId {
        Objects.requireNonNull(value, "provider");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("provider must match " + FORMAT.pattern());
        }
    }

    public static ProviderId of(String value) {
        return new ProviderId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
