package dev.gatehouse.admin.route;

import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.config.ConfigValidator;
import dev.gatehouse.config.PathMatch;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a {@link RouteRequest} into the contract's {@link RouteSpec}: fills defaults, normalises case
 * (methods upper, hosts lower), checks what only the request can get wrong, then applies the contract's
 * {@link ConfigValidator}. One message per field.
 */
public final class RouteRequestMapper {

    private final ConfigValidator validator;

    public RouteRequestMapper(ConfigValidator validator) {
        this.validator = validator;
    }

    /**
     * The spec for this request under the given id.
     *
     * @param serviceId id of the service the request names, or null when it names none that exists
     * @throws InvalidInputException listing every problem
     */
    public RouteSpec toSpec(String id, RouteRequest request, String serviceId) {
        List<Violation> violations = new ArrayList<>();
        if (request.service() == null || request.service().isBlank()) {
            violations.add(new Violation("service", "is required"));
        } else if (serviceId == null) {
            violations.add(new Violation("service", "names no existing service: '" + request.service() + "'"));
        }
        PathMatch pathMatch = PathMatch.PREFIX;
        if (request.pathMatch() != null) {
            switch (request.pathMatch().toLowerCase(Locale.ROOT)) {
                case "prefix" -> pathMatch = PathMatch.PREFIX;
                case "exact" -> pathMatch = PathMatch.EXACT;
                default -> violations.add(new Violation("pathMatch", "must be prefix or exact"));
            }
        }
        List<String> hosts = normalise("hosts", request.hosts(), false, violations);
        List<String> methods = normalise("methods", request.methods(), true, violations);
        List<String> paths = new ArrayList<>(request.paths() == null ? List.of() : request.paths());
        for (int i = 0; i < paths.size(); i++) {
            if (paths.get(i) == null) {
                violations.add(new Violation("paths[" + i + "]", "must not be null"));
                paths.set(i, "");
            }
        }
        RouteSpec spec = new RouteSpec(id, request.name(), serviceId, hosts, paths, pathMatch,
                methods,
                Boolean.TRUE.equals(request.stripPrefix()),
                request.priority() == null ? 0 : request.priority(),
                request.enabled() == null || request.enabled());
        Set<String> refused = new HashSet<>();
        violations.forEach(v -> refused.add(v.field()));
        for (Violation v : validator.validate(spec)) {
            if (!refused.contains(v.field())) {
                violations.add(v);
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return spec;
    }

    private static List<String> normalise(String field, List<String> values, boolean upper,
                                          List<Violation> violations) {
        List<String> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null) {
                violations.add(new Violation(field + "[" + i + "]", "must not be null"));
                out.add("");
            } else {
                String trimmed = value.trim();
                out.add(upper ? trimmed.toUpperCase(Locale.ROOT) : trimmed.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
