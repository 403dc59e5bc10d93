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

    /** The problem as a response entity. */
    public static ResponseEntity<Object> response(HttpStatus status, String code, String detail, String instance,
                                                  List<Violation> errors) {
        return ResponseEntity.status(status).contentType(MEDIA_TYPE)
                .body(body(status, code, detail, instance, errors));
    }
}
