package io.authpipe.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * The Confluent wire format with nothing but Apache Avro and the registry's REST API: a value is
 * {@code 0x00 | 4-byte big-endian schema id | Avro binary}. What Confluent's {@code KafkaAvroSerializer} does, in a
 * page, for teams without it (it is not on Maven Central). Schemas are cached by id (ids never change).
 */
public final class ConfluentAvro {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI registry;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();

    /** @param registry the Confluent API's base URL, e.g. {@code http://localhost:8081/apis/ccompat/v7} */
    public ConfluentAvro(URI registry) {
        this.registry = registry;
    }

    /** Reads a value written in the Confluent wire format, with the schema it was written with. */
    public GenericRecord decode(byte[] value) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        if (value.length < 5 || buffer.get() != 0) {
            throw new IllegalArgumentException("not the Confluent wire format");
        }
        Schema schema = schemas.computeIfAbsent(buffer.getInt(), this::schemaById);
        try {
            return new GenericDatumReader<GenericRecord>(schema).read(null,
                    DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The latest schema registered under a subject, and its id. */
    public Registered latest(String subject) {
        JsonNode answer = get("/subjects/" + subject + "/versions/latest");
        return new Registered(answer.path("id").intValue(), new Schema.Parser().parse(answer.path("schema").asText()));
    }

    /** A subject's schema and its id. */
    public record Registered(int id, Schema schema) {
        /** A new record of this schema. */
        public GenericRecord newRecord() {
            return new GenericData.Record(schema);
        }

        /** The record in the Confluent wire format. */
        public byte[] encode(GenericRecord record) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0);
            out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            try {
                new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }

    private Schema schemaById(int id) {
        return new Schema.Parser().parse(get("/schemas/ids/" + id).path("schema").asText());
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(registry + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("registry answered " + response.statusCode() + " to GET " + path);
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
