package io.authpipe.broker.testing;

import io.authpipe.core.identity.ConnectionKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.RandomData;

/**
 * Hostile records for one input topic, in the wire format Authpipe's serde reads (Avro single-object encoding),
 * generated from the topic's own schema with Avro's {@link RandomData} and a seed, so a failing run can be replayed.
 * Each record carries the header {@value #KIND_HEADER} (its {@link Kind}) and {@value #ID_HEADER} (unique), which a
 * dead letter keeps, so a test can tell what became of each.
 *
 * <p>Instances named by the records are never hosts that would be resolved or reached beyond loopback: a
 * {@code instance} field holds the sandbox's URL, a loopback address the SSRF guard refuses, or text that is no
 * address, so running the corpus sends nothing off this machine.
 */
public final class HostileCorpus {
    public static final String KIND_HEADER = "corpus-kind";
    public static final String ID_HEADER = "corpus-id";
    /** A declared length no record can have: 2^31 - 9 bytes or items, the largest Java array. */
    static final long TWO_GIB = Integer.MAX_VALUE - 8;

    /** The classes of hostile input. */
    public enum Kind {
        /** RandomData records of the schema with random keys: well formed, meaningless. */
        RANDOM,
        /** RandomData records whose connection is valid and matches the key: they reach the processors' rules. */
        PLAUSIBLE,
        /** A well-formed record cut short. */
        TRUNCATED,
        /** A record whose first length (string, bytes, array or map) declares 2 GiB. */
        OVERSIZED,
        /** Random bytes, empty values, and headers of both wire formats followed by noise. */
        GARBAGE,
        /** A well-formed body behind a schema fingerprint nobody knows. */
        UNKNOWN_SCHEMA,
        /** A tombstone (null value). */
        NULL_VALUE,
        /** A plausible record keyed by another connection, or by nothing. */
        WRONG_KEY;

        /** Whether every record of this kind is unreadable whatever its topic. */
        public boolean unreadable() {
            return this == TRUNCATED || this == OVERSIZED || this == GARBAGE || this == UNKNOWN_SCHEMA;
        }
    }

    /** One hostile record: its kind, key (may be null), value (may be null) and unique id. */
    public record Hostile(Kind kind, String id, String key, byte[] value) {
        @Override
        public String toString() {
            return "Hostile[" + kind + ", " + id + ", " + (value == null ? "null" : value.length + " bytes") + "]";
        }
    }

    /** What the key of a plausible record is. */
    public enum KeyRule {
        /** The Kafka key of the record's connection. */
        CONNECTION,
        /** The record's {@code tenantId} (the tenants topic). */
        TENANT_ID,
        /** Anything (a state hash, an app reference). */
        ANY
    }

    /**
     * Where the corpus is aimed and what makes a record plausible there.
     *
     * @param topic             the topic
     * @param type              the generated class of its values
     * @param keyRule           what its key is
     * @param compacted         whether the topic is compacted (the broker refuses records without a key there)
     * @param tenantId          the tenant plausible records name half the time (a real one, to reach deeper rules)
     * @param instances         what a plausible {@code instance} field holds, never a host beyond loopback
     */
    public record Target(String topic, Class<? extends SpecificRecord> type, KeyRule keyRule,
                         boolean compacted, String tenantId, List<String> instances) {
        boolean keyedByConnection() {
            return keyRule == KeyRule.CONNECTION;
        }
    }

    private final Target target;
    private final Schema schema;
    private final Random random;
    private final BinaryMessageEncoder<GenericRecord> encoder;
    private final Iterator<Object> data;
    private int serial;

    private HostileCorpus(Target target, long seed) {
        this.target = target;
        this.schema = SpecificData.get().getSchema(target.type());
        this.random = new Random(seed);
        this.encoder = new BinaryMessageEncoder<>(GenericData.get(), schema);
        this.data = new RandomData(schema, Integer.MAX_VALUE, seed).iterator();
    }

    /** {@code perKind} records of each applicable {@link Kind} for {@code target}, from {@code seed}. */
    public static List<Hostile> generate(Target target, int perKind, long seed) {
        HostileCorpus corpus = new HostileCorpus(target, seed);
        List<Hostile> all = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            if (kind != Kind.WRONG_KEY || target.keyedByConnection()) {
                for (int i = 0; i < perKind; i++) {
                    all.add(corpus.next(kind));
                }
            }
        }
        return all;
    }

    private Hostile next(Kind kind) {
        String id = target.topic() + "#" + kind + "#" + serial++;
        return switch (kind) {
            case RANDOM -> new Hostile(kind, id, randomKey(), encode(randomRecord()));
            case PLAUSIBLE -> plausible(kind, id);
            case TRUNCATED -> truncated(id);
            case OVERSIZED -> new Hostile(kind, id, randomKey(), oversized());
            case GARBAGE -> new Hostile(kind, id, randomKey(), garbage());
            case UNKNOWN_SCHEMA -> new Hostile(kind, id, randomKey(), unknownSchema());
            case NULL_VALUE -> new Hostile(kind, id, random.nextBoolean() ? randomKey() : plausibleKey(), null);
            case WRONG_KEY -> wrongKey(id);
        };
    }

    private Hostile plausible(Kind kind, String id) {
        GenericRecord record = randomRecord();
        String key = switch (target.keyRule()) {
            case CONNECTION -> plausibleConnection(record);
            case TENANT_ID -> plausibleTenant(record);
            case ANY -> randomKey();
        };
        repairInstances(record);
        return new Hostile(kind, id, key, encode(record));
    }

    private Hostile truncated(String id) {
        byte[] whole = encode(randomRecord());
        int header = 10;
        return new Hostile(Kind.TRUNCATED, id, randomKey(),
                Arrays.copyOf(whole, header + random.nextInt(Math.max(1, whole.length - header))));
    }

    private Hostile wrongKey(String id) {
        GenericRecord record = randomRecord();
        plausibleConnection(record);
        repairInstances(record);
        String key = !target.compacted() && random.nextInt(4) == 0 ? null
                : ConnectionKey.of(target.tenantId(), "mastodon", "someone-else-" + random.nextInt(1_000_000))
                        .asKafkaKey();
        return new Hostile(Kind.WRONG_KEY, id, key, encode(record));
    }

    /** The single-object header of the schema, then a first length of 2 GiB, then a few bytes. */
    private byte[] oversized() {
        byte[] header = Arrays.copyOf(encode(randomRecord()), 10);
        long declared = random.nextBoolean() ? TWO_GIB : -TWO_GIB;
        return concat(header, zigzag(declared), noise(random.nextInt(16)));
    }

    private byte[] garbage() {
        return switch (random.nextInt(5)) {
            case 0 -> new byte[0];
            case 1 -> concat(new byte[] {0x00}, noise(random.nextInt(20)));
            case 2 -> concat(new byte[] {(byte) 0xC3, 0x01}, noise(random.nextInt(40)));
            case 3 -> ("{\"tenantId\":\"" + randomKey() + "\"}").getBytes(StandardCharsets.UTF_8);
            default -> noise(1 + random.nextInt(256));
        };
    }

    /** A valid body behind a fingerprint that is not the schema's (one bit flipped). */
    private byte[] unknownSchema() {
        byte[] value = encode(randomRecord());
        value[2 + random.nextInt(8)] ^= (byte) (1 << random.nextInt(8));
        return value;
    }

    private GenericRecord randomRecord() {
        return (GenericRecord) data.next();
    }

    /** Gives the record a valid connection (the target's tenant half the time) and returns its Kafka key. */
    private String plausibleConnection(GenericRecord record) {
        ConnectionKey key = ConnectionKey.of(random.nextBoolean() ? target.tenantId() : "corpus-" + random.nextInt(100),
                "mastodon", "corpus-user-" + random.nextInt(1_000_000));
        walk(record, r -> {
            if (r.getSchema().getName().equals("ConnectionRef")) {
                r.put("tenantId", key.tenant().value());
                r.put("provider", key.provider().value());
                r.put("userId", key.user().value());
            }
            return null;
        });
        return key.asKafkaKey();
    }

    /** Gives a tenants record an id of its own (never the target's tenant) and returns it as the key. */
    private String plausibleTenant(GenericRecord record) {
        String tenant = "corpus-tenant-" + random.nextInt(1_000_000);
        record.put("tenantId", tenant);
        return tenant;
    }

    private void repairInstances(GenericRecord record) {
        walk(record, r -> {
            if (r.getSchema().getField("instance") != null && r.get("instance") instanceof CharSequence) {
                r.put("instance", target.instances().get(random.nextInt(target.instances().size())));
            }
            return null;
        });
    }

    /** Applies {@code visit} to the record and every record nested in it (fields, unions, arrays, maps). */
    private static void walk(Object datum, Function<GenericRecord, Void> visit) {
        if (datum instanceof GenericRecord record) {
            visit.apply(record);
            for (Schema.Field field : record.getSchema().getFields()) {
                walk(record.get(field.pos()), visit);
            }
        } else if (datum instanceof List<?> list) {
            list.forEach(item -> walk(item, visit));
        } else if (datum instanceof java.util.Map<?, ?> map) {
            map.values().forEach(value -> walk(value, visit));
        }
    }

    private String randomKey() {
        return !target.compacted() && random.nextInt(8) == 0 ? null
                : "corpus-key-" + Long.toHexString(random.nextLong());
    }

    private String plausibleKey() {
        return ConnectionKey.of(target.tenantId(), "mastodon", "corpus-user-" + random.nextInt(1_000_000)).asKafkaKey();
    }

    private byte[] encode(GenericRecord record) {
        try {
            ByteBuffer buffer = encoder.encode(record);
            return Arrays.copyOfRange(buffer.array(), buffer.arrayOffset() + buffer.position(),
                    buffer.arrayOffset() + buffer.limit());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] noise(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] zigzag(long value) {
        long n = (value << 1) ^ (value >> 63);
        ByteBuffer out = ByteBuffer.allocate(10);
        while ((n & ~0x7FL) != 0) {
            out.put((byte) ((n & 0x7f) | 0x80));
            n >>>= 7;
        }
        out.put((byte) n);
        return Arrays.copyOf(out.array(), out.position());
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        Arrays.stream(parts).forEach(all::put);
        return all.array();
    }
}
