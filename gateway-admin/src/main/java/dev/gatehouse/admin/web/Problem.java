package dev.gatehouse.admin.web;

import dev.gatehouse.config.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * An RFC 9457 problem body: {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}, plus
 * the stable {@code code} and, for validation, {@code errors: [{field, message}]}. Built as an ordered map so
 * the JSON has the same shape whichever mapper writes it.
 */
public final class Problem {

    /** Media type of every error answer. */
    public static final MediaType MEDIA_TYPE = MediaType.APPLICATION_PROBLEM_JSON;

    private Problem() {
    }

    /** The problem body. */
    public static Map<String, Object> body(HttpStatus status, String code, String detail, String instance,
                                           List<Violation> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        body.put("code", code);
        if (errors != null && !errors.isEmpty()) {
            body.put("errors", errors.stream()
                    .map(v -> Map.of("field", v.field(), "message", v.message()))
                    .toList());
        }
        return body;
    }

    /**
     * A problem about the request body whose fields are paths into it: each error also carries the field as an
     * RFC 6901 JSON pointer ({@code targets[0].port} is {@code /targets/0/port}).
     */
    public static ResponseEntity<Object> bodyResponse(HttpStatus status, String code, String detail, String instance,
                                                      List<Violation> errors) {
        Map<String, Object> body = body(status, code, detail, instance, null);
        body.put("errors", errors.stream().map(v -> {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("field", v.field());
            error.put("pointer", pointer(v.field()));
            error.put("message", v.message());
            return error;
        }).toList());
        return ResponseEntity.status(status).contentType(MEDIA_TYPE).body(body);
    }

    /** The JSON pointer of a field path such as {@code scopes.routes[1]}; {@code (body)} is the whole document. */
    static String pointer(String field) {
        if (field == null || field.equals("(body)")) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String part : field.replace("[", ".").replace("]", "").split("\\.")) {
            if (!part.isEmpty()) {
                out.append('/').append(part.replace("~", "~0").replace("/", "~1"));
            }
        }
        return out.toString();
    }

    /** The problem as a response entity. */
    public static ResponseEntity<Object> response(HttpStatus status, String code, String detail, String instance,
                                                  List<Violation> errors) {
        return ResponseEntity.status(status).contentType(MEDIA_TYPE)
                .body(body(status, code, detail, instance, errors));
    }
}
