package io.authpipe.core.identity;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Identifies one connection: (tenant, provider, user). It is the Kafka record key of everything about the
 * connection, so all its events land on one partition and have one writer.
 *
 * <p>Wire form (the Kafka key, UTF-8): {@code tenant:provider:urlencoded(user)}. Tenant and provider ids cannot
 * contain {@code :} and the user id is percent-encoded (RFC 3986 unreserved characters stay as they are), so
 * the form is unambiguous and a tenant's keys share the prefix {@code tenant:}.
 */
public record ConnectionKey(TenantId tenant, ProviderId provider, UserId user) {

    public ConnectionKey {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(user, "user");
    }

    public static ConnectionKey of(String tenant, String provider, String user) {
        return new ConnectionKey(TenantId.of(tenant), ProviderId.of(provider), UserId.of(user));
    }

    /** The Kafka record key. */
    public String asKafkaKey() {
        return tenant.value() + ':' + provider.value() + ':' + URLEncoder.encode(user.value(), StandardCharsets.UTF_8);
    }

    /** The prefix every key of {@code tenant} starts with; for prefix scans of a tenant's connections. */
    public static String kafkaKeyPrefix(TenantId tenant) {
        return tenant.value() + ':';
    }

    /**
     * Parses {@link #asKafkaKey()}.
     *
     * @throws IllegalArgumentException if {@code key} is not in that form
     */
    public static ConnectionKey parse(String key) {
        Objects.requireNonNull(key, "key");
        int first = key.indexOf(':');
        int second = first < 0 ? -1 : key.indexOf(':', first + 1);
        if (first < 0 || second < 0) {
            throw new IllegalArgumentException("connection key must be tenant:provider:user");
        }
        String user = URLDecoder.decode(key.substring(second + 1), StandardCharsets.UTF_8);
        return of(key.substring(0, first), key.substring(first + 1, second), user);
    }

    @Override
    public String toString() {
        return asKafkaKey();
    }
}
