package dev.gatehouse.config.composite;

import dev.gatehouse.config.Violations;
import dev.gatehouse.config.http.HeaderName;
import dev.gatehouse.config.http.HttpMethod;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One upstream call of a composite route.
 *
 * @param name      unique within the route: lower-case letters, digits, {@code -} and {@code _}, starting with a letter
 * @param serviceId id of the service called
 * @param method    HTTP method, upper case; absent means {@code GET}
 * @param path      path template sent to the service (after its base path), such as {@code /products/{path.1}}
 * @param query     query parameters sent, name to value template, in name order
 * @param headers   request headers sent, name to value template, in name order
 * @param passBody  whether the client's request body is sent with this step (at most one step per route)
 * @param dependsOn steps that must answer before this one starts; every step whose answer a template uses must be
 *                  listed
 * @param timeoutMs time allowed for this step, in milliseconds; 0 means the route's deadline
 * @param required  whether the composite call fails when this step fails ({@code true}) or answers without it
 * @param placement where the step's answer goes; absent means {@link Placement#NEST}
 * @param fields    members kept from the answer (and renamed); empty keeps the whole answer
 */
public record CompositeStep(String name, String serviceId, String method, String path, Map<String, String> query,
                            Map<String, String> headers, boolean passBody, List<String> dependsOn, int timeoutMs,
                            boolean required, Placement placement, List<StepField> fields) {

    /** A step name. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    /** Most query parameters or headers a step may set. */
    public static final int MAX_PARAMS = 32;
    /** Most fields a step may select. */
    public static final int MAX_FIELDS = 64;

    private static final Set<String> RESERVED = Set.of("errors");

    public CompositeStep {
        method = method == null ? "GET" : method;
        query = query == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(query));
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(headers));
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        placement = placement == null ? Placement.NEST : placement;
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** Every template of the step: path, then query values, then header values. */
    public List<String> templates() {
        java.util.ArrayList<String> all = new java.util.ArrayList<>();
        all.add(path);
        all.addAll(query.values());
        all.addAll(headers.values());
        return all;
    }

    /** Checks the step on its own; {@link CompositeSpec} checks names across steps and services. */
    void validate(Violations violations, int deadlineMs) {
        if (name == null || !NAME.matcher(name).matches()) {
            violations.add("name", "must be 1 to 32 lower-case letters, digits, - or _, starting with a letter");
        } else if (RESERVED.contains(name) && placement == Placement.NEST) {
            violations.add("name", "'" + name + "' is reserved for the composite answer's own member");
        }
        if (serviceId == null || serviceId.isBlank()) {
            violations.add("service", "is required");
        }
        String methodProblem = HttpMethod.problem(method);
        if (methodProblem != null) {
            violations.add("method", methodProblem);
        }
        if (path == null || !path.startsWith("/")) {
            violations.add("path", "must be a path template starting with /, such as /products/{path.1}");
        } else {
            template("path", path, violations);
        }
        violations.atMost("query", query.keySet(), MAX_PARAMS);
        query.forEach((name, value) -> {
            if (!name.matches("[A-Za-z0-9._~-]{1,64}")) {
                violations.add("query." + name, "the name must be 1 to 64 letters, digits or ._~-");
            } else {
                template("query." + name, value, violations);
            }
        });
        violations.atMost("headers", headers.keySet(), MAX_PARAMS);
        Set<String> seen = new java.util.HashSet<>();
        headers.forEach((name, value) -> {
            if (!HeaderName.isValid(name)) {
                violations.add("headers." + name, HeaderName.INVALID);
            } else if (HeaderName.isManaged(name)) {
                violations.add("headers." + name, "is managed by the gateway and cannot be set");
            } else if (!seen.add(name.toLowerCase(java.util.Locale.ROOT))) {
                violations.add("headers." + name, "is set twice (header names ignore case)");
            } else {
                template("headers." + name, value, violations);
            }
        });
        if (timeoutMs < 0 || timeoutMs > deadlineMs) {
            violations.add("timeoutMs", "must be between 0 (the route's deadline) and the deadline, " + deadlineMs);
        }
        violations.atMost("fields", fields, MAX_FIELDS);
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            StepField field = fields.get(i);
            Violations at = violations.at("fields", i);
            int before = violations.list().size();
            field.validate(at);
            if (violations.list().size() == before && !names.add(field.name())) {
                at.add("as", "'" + field.name() + "' is used by two fields of this step");
            }
            if (violations.list().size() == before && placement == Placement.MERGE
                    && RESERVED.contains(field.name())) {
                at.add("as", "'" + field.name() + "' is reserved for the composite answer's own member");
            }
        }
    }

    private static void template(String field, String text, Violations violations) {
        String problem = ValueTemplate.problem(text);
        if (problem != null) {
            violations.add(field, problem);
        }
    }
}
