package io.authpipe.schemas.internal;

import io.authpipe.schemas.SchemaRegistryException;
import org.apache.avro.Schema;

/**
 * The two calls of the Confluent schema registry REST API that a serde needs. Implementations are thread-safe;
 * decorators (caching) wrap the HTTP implementation.
 */
public interface RegistryClient {

    /**
     * Registers a schema under a subject, or finds it if it is already registered there.
     *
     * @param subject e.g. {@code authpipe.revocations-value}
     * @param schema the writer schema
     * @return the registry-wide schema id (the same content gets the same id under every subject)
     * @throws SchemaRegistryException when the registry is unreachable or refuses
     */
    int register(String subject, Schema schema);

    /**
     * Fetches a schema by its id, with the schemas it references (Confluent schema references) resolved.
     *
     * @param id a schema id read from a record's header
     * @return the schema
     * @throws SchemaRegistryException when the registry is unreachable or does not know the id
     */
    Schema schemaById(int id);

    /**
     * Sets a subject's compatibility level ({@code PUT /config/{subject}}).
     *
     * @param subject the subject, which must exist in some registries (Apicurio): register first
     * @param level the level's Confluent name, e.g. {@code FULL_TRANSITIVE}
     * @throws SchemaRegistryException when the registry is unreachable or refuses
     */
    void setCompatibility(String subject, String level);
}
