package io.authpipe.schemas.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authpipe.schemas.SchemaRegistryException;

/** Turns registry answers and transport failures into JSON or a {@link SchemaRegistryException}. */
final class RegistryResponses {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL = 300;

    private RegistryResponses() {
    }

    /** The parsed body of a 2xx answer, or the exception that a non-2xx answer means. */
    static JsonNode successBody(RegistryEndpoint endpoint, String action, int status, String body) {
        if (status / 100 != 2) {
            String message = "schema registry " + endpoint + " could not " + action + ": HTTP " + status
                    + detail(body);
            throw new SchemaRegistryException(message, isRetryable(status), null);
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw malformed(endpoint, action, "a body that is not JSON");
        }
    }

    /** 5xx, 408 Request Timeout and 429 Too Many Requests are transient; other refusals repeat. */
    static boolean isRetryable(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    static SchemaRegistryException unreachable(RegistryEndpoint endpoint, String action, Exception cause) {
        String message = "schema registry " + endpoint + " unreachable, could not " + action + ": "
                + cause.getClass().getSimpleName();
        return new SchemaRegistryException(message, true, cause);
    }

    static SchemaRegistryException malformed(RegistryEndpoint endpoint, String action, String what) {
        String message = "schema registry " + endpoint + " answered " + what + " when " + action
                + "; is the URL (and base path) that of a Confluent-compatible API?";
        return new SchemaRegistryException(message, false, null);
    }

    /**
     * The registry answered in the Confluent API's shape, but with something this client cannot use (a schema that
     * does not parse, a JSON schema): not the URL's fault, and asking again gives the same answer.
     */
    static SchemaRegistryException refused(RegistryEndpoint endpoint, String action, String what) {
        return new SchemaRegistryException("schema registry " + endpoint + " answered " + what + " when " + action,
                false, null);
    }

    /** The Confluent error body {@code {"error_code":40901,"message":"..."}}, shortened; raw text otherwise. */
    private static String detail(String body) {
        String text = body == null ? "" : body;
        try {
            JsonNode error = JSON.readTree(text);
            if (error != null && error.has("message")) {
                text = "error_code " + error.path("error_code").asText("?") + ": " + error.path("message").asText();
            }
        } catch (JsonProcessingException e) {
            // not the Confluent error shape: keep the raw text
        }
        text = text.strip();
        if (text.length() > MAX_DETAIL) {
            text = text.substring(0, MAX_DETAIL) + "...";
        }
        return text.isEmpty() ? "" : " (" + text + ")";
    }
}
