package io.authpipe.schemas;

import io.authpipe.schemas.internal.CachingRegistryClient;
import io.authpipe.schemas.internal.ConfluentRestClient;
import io.authpipe.schemas.internal.RegistryClient;
import io.authpipe.schemas.internal.RegistryEndpoint;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Which schema registry the {@link AvroSerde}s of a process use, and so which wire format they write:
 * {@link #none()} writes Avro single-object encoding, {@link #confluent(URI)} the Confluent wire format.
 *
 * <p>Immutable and thread-safe. A Confluent registry instance holds the process's cache of schema ids: create
 * one per process and give it to every serde, so that each schema is registered at most once per subject and
 * each id fetched at most once.
 */
public final class SchemaRegistry {

    /** Connect and request timeout of {@link #confluent(URI)}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final SchemaRegistry NONE = new SchemaRegistry(null, null);

    private final RegistryEndpoint endpoint;
    private final RegistryClient client;

    private SchemaRegistry(RegistryEndpoint endpoint, RegistryClient client) {
        this.endpoint = endpoint;
        this.client = client;
    }

    /**
     * No registry (the embedded default): serdes write Avro single-object encoding and read both formats,
     * except Confluent-framed records, which need a registry to resolve their schema id.
     *
     * @return the shared instance
     */
    public static SchemaRegistry none() {
        return NONE;
    }

    /**
     * A registry speaking the Confluent REST API, with {@link #DEFAULT_TIMEOUT}.
     *
     * @param baseUrl e.g. {@code http://registry:8081} or {@code https://user:secret@host/apis/ccompat/v7};
     *     the path is the API's base path, the user-info (percent-encoded) becomes HTTP basic credentials
     * @return the registry; nothing is contacted until a serde needs a schema
     * @throws IllegalArgumentException if the URL is not an absolute http(s) URL without query or fragment
     */
    public static SchemaRegistry confluent(URI baseUrl) {
        return confluent(baseUrl, DEFAULT_TIMEOUT);
    }

    /**
     * A registry speaking the Confluent REST API.
     *
     * @param baseUrl as for {@link #confluent(URI)}
     * @param timeout connect timeout, and timeout of each whole request
     * @return the registry
     * @throws IllegalArgumentException if the URL is unusable or the timeout not positive
     */
    public static SchemaRegistry confluent(URI baseUrl, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("schema registry timeout must be positive: " + timeout);
        }
        RegistryEndpoint endpoint = RegistryEndpoint.parse(Objects.requireNonNull(baseUrl, "baseUrl"));
        return new SchemaRegistry(endpoint, new CachingRegistryClient(new ConfluentRestClient(endpoint, timeout)));
    }

    /**
     * The registry a configuration names: none when the URL is absent or blank, else {@link #confluent(URI)}.
     *
     * @param url e.g. the value of {@code AUTHPIPE_SCHEMA_REGISTRY_URL}
     * @return the registry
     * @throws IllegalArgumentException if the URL is present but unusable (the message omits the URL)
     */
    public static SchemaRegistry fromUrl(Optional<String> url) {
        Optional<String> present = url.map(String::strip).filter(value -> !value.isEmpty());
        if (present.isEmpty()) {
            return none();
        }
        try {
            return confluent(new URI(present.get()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("schema registry URL is not a valid URI: " + e.getReason()
                    + " at index " + e.getIndex());
        }
    }

    /**
     * The registry's base URL without user-info, safe to log.
     *
     * @return the URL, or empty for {@link #none()}
     */
    public Optional<URI> url() {
        return Optional.ofNullable(endpoint).map(RegistryEndpoint::base);
    }

    /**
     * Registers a schema under a subject (or finds it there) and sets the subject's compatibility level, so that
     * the registry refuses later schemas that would break it. The subject is registered first because some
     * registries (Apicurio) keep no level for a subject that does not exist.
     *
     * @param subject e.g. {@code authpipe.revocations-value}
     * @param schema the schema, fully expanded (no references)
     * @param level the level to keep
     * @return the schema's id
     * @throws SchemaRegistryException when the registry is unreachable or refuses (409: the schema breaks the
     *     subject's current level)
     * @throws IllegalStateException on {@link #none()}
     */
    public int publish(String subject, Schema schema, Compatibility level) {
        RegistryClient registry = client().orElseThrow(() -> new IllegalStateException("no schema registry"));
        int id = registry.register(subject, schema);
        registry.setCompatibility(subject, level.name());
        return id;
    }

    /** The caching client serdes use; empty for {@link #none()}. */
    Optional<RegistryClient> client() {
        return Optional.ofNullable(client);
    }

    @Override
    public String toString() {
        return endpoint == null ? "SchemaRegistry[none]" : "SchemaRegistry[confluent " + endpoint + "]";
    }
}
