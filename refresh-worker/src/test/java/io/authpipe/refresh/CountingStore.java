package io.authpipe.refresh;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A byte store that counts what is read from it: entries handed out by its iterators, and point lookups. Wraps the
 * real (RocksDB) store, so the count is what the topology made the store read, below any cache or changelog layer.
 */
final class CountingStore implements KeyValueStore<Bytes, byte[]> {
    final AtomicLong entriesIterated = new AtomicLong();
    final AtomicLong lookups = new AtomicLong();
    private final KeyValueStore<Bytes, byte[]> inner;

    private CountingStore(KeyValueStore<Bytes, byte[]> inner) {
        this.inner = inner;
    }

    /** A supplier of {@code inner}'s stores, wrapped; {@code created} receives each one made. */
    static KeyValueBytesStoreSupplier around(KeyValueBytesStoreSupplier inner, Consumer<CountingStore> created) {
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                CountingStore store = new CountingStore(inner.get());
                created.accept(store);
                return store;
            }

            @Override
            public String metricsScope() {
                return inner.metricsScope();
            }
        };
    }

    void reset() {
        entriesIterated.set(0);
        lookups.set(0);
    }

    @Override
    public byte[] get(Bytes key) {
        lookups.incrementAndGet();
        return inner.get(key);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return counted(inner.range(from, to));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return counted(inner.reverseRange(from, to));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return counted(inner.all());
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return counted(inner.reverseAll());
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS serializer) {
        return counted(inner.prefixScan(prefix, serializer));
    }

    private KeyValueIterator<Bytes, byte[]> counted(KeyValueIterator<Bytes, byte[]> iterator) {
        return new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return iterator.hasNext();
            }

            @Override
            public KeyValue<Bytes, byte[]> next() {
                entriesIterated.incrementAndGet();
                return iterator.next();
            }

            @Override
            public Bytes peekNextKey() {
                return iterator.peekNextKey();
            }

            @Override
            public void close() {
                iterator.close();
            }
        };
    }

    // Everything below only delegates.

    @Override
    public void put(Bytes key, byte[] value) {
        inner.put(key, value);
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        return inner.putIfAbsent(key, value);
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        inner.putAll(entries);
    }

    @Override
    public byte[] delete(Bytes key) {
        return inner.delete(key);
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound bound, QueryConfig config) {
        return inner.query(query, bound, config);
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }
}
