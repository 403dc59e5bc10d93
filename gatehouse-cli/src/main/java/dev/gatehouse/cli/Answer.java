package dev.gatehouse.cli;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * One answer of the admin.
 *
 * @param status      HTTP status
 * @param contentType its {@code Content-Type}, or an empty string
 * @param body        the body as received
 * @param url         the URL asked, for messages (holds no credential)
 */
record Answer(int status, String contentType, byte[] body, String url) {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    boolean successful() {
        return status >= 200 && status < 300;
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON; a {@link CliException} when the admin sent something else. */
    JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new CliException("the answer of " + url + " (HTTP " + status + ") is not JSON: " + excerpt());
        }
    }

    /** The start of the body on one line, for messages about unexpected answers. */
    String excerpt() {
        String t = text().strip().replaceAll("\\s+", " ");
        return t.isEmpty() ? "(empty body)" : t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }

    /** A JSON node's text: null for a missing or null node, the string itself, or the JSON of anything else. */
    static String textOf(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        return node.isString() ? node.stringValue() : node.toString();
    }

    static ObjectMapper mapper() {
        return JSON;
    }
}
