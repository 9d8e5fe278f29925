package io.authpipe.schemas.internal;

import org.apache.avro.Schema;

/**
 * Caches a {@link RegistryClient}: a schema is registered at most once per subject for the life of this object,
 * and each id is fetched at most once (ids are immutable in the Confluent API). An id learnt by registering is
 * also cached for reading, so a process reading its own writes never asks. Failures are not cached.
 */
public final class CachingRegistryClient implements RegistryClient {

    private record Registration(String subject, Schema schema) {
    }

    private final RegistryClient delegate;
    private final Memo<Registration, Integer> ids = new Memo<>();
    private final Memo<Integer, Schema> schemas = new Memo<>();

    /**
     * Wraps a client.
     *
     * @param delegate the client doing the calls
     */
    public CachingRegistryClient(RegistryClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public int register(String subject, Schema schema) {
        return ids.get(new Registration(subject, schema), this::registerAndRemember);
    }

    private Integer registerAndRemember(Registration registration) {
        int id = delegate.register(registration.subject(), registration.schema());
        schemas.offer(id, registration.schema());
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        return schemas.get(id, delegate::schemaById);
    }

    @Override
    public void setCompatibility(String subject, String level) {
        delegate.setCompatibility(subject, level);
    }
}
