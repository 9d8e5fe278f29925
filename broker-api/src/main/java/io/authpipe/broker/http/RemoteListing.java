package io.authpipe.broker.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.authpipe.broker.api.ApiProblem;
import io.authpipe.events.StoredCredential;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import okhttp3.Response;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Instance-to-instance listing of a tenant's connections. A forwarded {@code GET /v1/connections} (or the admin
 * API's {@code GET /admin/v1/tenants/{id}/connections}) answers
 * {@code {"records":[...]}}, each the base64 of a {@link StoredCredential} in Avro single-object encoding (tokens
 * stay sealed), so peers merge complete records, not views.
 */
final class RemoteListing {
    /** Single-object encoding, read with the bounded reader: a peer's answer is bytes from the network. */
    private static final AvroSerde<StoredCredential> RECORDS = AvroSerde.of(StoredCredential.class,
            SchemaRegistry.none());
    private static final String PEER = "peer-listing";

    private RemoteListing() {
    }

    static ObjectNode encode(List<StoredCredential> credentials) {
        ObjectNode body = Views.JSON.createObjectNode();
        ArrayNode records = body.putArray("records");
        for (StoredCredential c : credentials) {
            records.add(Base64.getEncoder().encodeToString(RECORDS.serialize(PEER, c)));
        }
        return body;
    }

    static List<StoredCredential> fetch(Forwarder forwarder, HostInfo host, String path, String authorization) {
        try (Response response = forwarder.get(host, path, authorization)) {
            if (response.code() != 200 || response.body() == null) {
                throw new IOException("HTTP " + response.code());
            }
            List<StoredCredential> result = new ArrayList<>();
            for (JsonNode record : Views.JSON.readTree(response.body().string()).path("records")) {
                result.add(RECORDS.deserialize(PEER, Base64.getDecoder().decode(record.asText())));
            }
            return result;
        } catch (IOException | IllegalArgumentException | SerializationException e) {
            throw ApiProblem.of(502, "instance_peer_unreachable",
                    "a broker-api instance holding part of the connections did not answer").toException();
        }
    }
}
