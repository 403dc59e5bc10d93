package dev.gatehouse.runtime.composite;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;

/**
 * What a composite call's templates may read from the client's request: the segments of its raw (canonical, still
 * percent-encoded) path, its query parameters (decoded, first value) and its headers. Read when a template asks.
 */
final class RequestInputs {

    private final String rawPath;
    private final ServerHttpRequest request;
    private List<String> segments;

    RequestInputs(ServerHttpRequest request) {
        this.request = request;
        this.rawPath = request.getURI().getRawPath();
    }

    /** The {@code index}-th segment (from 0) of the path as sent, or null when the path has none or it is empty. */
    String segment(int index) {
        if (segments == null) {
            segments = segments(rawPath);
        }
        if (index >= segments.size()) {
            return null;
        }
        String segment = segments.get(index);
        return segment.isEmpty() ? null : segment;
    }

    /** The first value of query parameter {@code name}, decoded, or null when it is absent. */
    String query(String name) {
        MultiValueMap<String, String> params = request.getQueryParams();
        return params.getFirst(name);
    }

    /** The request header {@code name}, or null when it is absent. */
    String header(String name) {
        HttpHeaders headers = request.getHeaders();
        return headers.getFirst(name);
    }

    /** The segments of a raw path: {@code /a/b/} is {@code [a, b, ""]}, {@code /} is none. */
    static List<String> segments(String rawPath) {
        if (rawPath == null || rawPath.length() <= 1) {
            return List.of();
        }
        return List.of(rawPath.substring(1).split("/", -1));
    }
}
