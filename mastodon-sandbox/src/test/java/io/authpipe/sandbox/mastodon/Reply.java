package io.authpipe.sandbox.mastodon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.Headers;

/** An HTTP answer of the sandbox as tests see it. */
record Reply(int status, Headers headers, String body) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    JsonNode json() {
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON (HTTP " + status + "): " + body, e);
        }
    }

    String header(String name) {
        return headers.get(name);
    }

    /** {@code json().path(field).asText()}. */
    String text(String field) {
        return json().path(field).asText();
    }
}
