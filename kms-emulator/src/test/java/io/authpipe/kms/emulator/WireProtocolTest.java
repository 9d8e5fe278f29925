package io.authpipe.kms.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The raw AWS JSON 1.1 exchange, seen from a plain HTTP client: what the SDK tests cannot provoke. */
class WireProtocolTest {

    private static final String SIGV4 = "AWS4-HMAC-SHA256 Credential=test/20260821/us-east-1/kms/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=00";

    private final KmsEmulator emulator = KmsEmulator.start();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void close() {
        emulator.close();
    }

    @Test
    void aRequestWithoutAKmsSignatureScopeIsRejected() throws Exception {
        HttpResponse<String> unsigned = post("TrentService.CreateKey", "{}", null);
        HttpResponse<String> otherService = post("TrentService.CreateKey", "{}", SIGV4.replace("/kms/", "/s3/"));

        assertError(unsigned, "IncompleteSignatureException");
        assertError(otherService, "IncompleteSignatureException");
    }

    @Test
    void anUnknownTargetIsAnUnknownOperation() throws Exception {
        assertError(post("TrentService.MineBitcoin", "{}", SIGV4), "UnknownOperationException");
        assertError(post("DynamoDB_20120810.CreateKey", "{}", SIGV4), "UnknownOperationException");
        assertThat(emulator.callCount("MineBitcoin")).isEqualTo(1);
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsASerializationError() throws Exception {
        assertError(post("TrentService.CreateKey", "{not json", SIGV4), "SerializationException");
        assertError(post("TrentService.DescribeKey", "{\"KeyId\": 42}", SIGV4), "SerializationException");
    }

    @Test
    void successfulAnswersAreAwsJsonWithEpochSecondTimestamps() throws Exception {
        HttpResponse<String> response = post("TrentService.CreateKey", "{\"Description\":\"d\"}", SIGV4);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        JsonNode metadata = json.readTree(response.body()).path("KeyMetadata");
        assertThat(metadata.path("CreationDate").isNumber()).isTrue();
        assertThat(metadata.path("Arn").asText()).startsWith("arn:aws:kms:us-east-1:000000000000:key/");
    }

    private void assertError(HttpResponse<String> response, String code) throws IOException {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("__type").asText()).isEqualTo(code);
        assertThat(body.path("message").asText()).isNotBlank();
    }

    private HttpResponse<String> post(String target, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(emulator.endpoint().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", target)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
