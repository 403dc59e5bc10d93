package dev.gatehouse.admin.upstream;

import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.config.ConfigValidator;
import dev.gatehouse.config.Protocol;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.TargetSpec;
import dev.gatehouse.config.Violation;
import dev.gatehouse.config.upstream.Balancing;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a {@link ServiceRequest} into the contract's {@link ServiceSpec}: fills defaults, checks what only the
 * request can get wrong (missing or unknown values), then applies the contract's {@link ConfigValidator}.
 * One message per field: a field the request check already refused is not reported again by the validator.
 * Last, each well-formed target is checked against the upstream target policy (targets nodes never proxy to).
 */
public final class ServiceRequestMapper {

    private final ConfigValidator validator;
    private final Function<TargetSpec, Optional<String>> targetRefusal;

    /** A mapper that checks no target policy (for tests of the rest). */
    public ServiceRequestMapper(ConfigValidator validator) {
        this(validator, target -> Optional.empty());
    }

    /**
     * @param targetRefusal why a well-formed target must not be stored, or empty when it may
     */
    public ServiceRequestMapper(ConfigValidator validator, Function<TargetSpec, Optional<String>> targetRefusal) {
        this.validator = validator;
        this.targetRefusal = targetRefusal;
    }

    /** The spec for this request under the given id, or {@link InvalidInputException} listing every problem. */
    public ServiceSpec toSpec(String id, ServiceRequest request) {
        List<Violation> violations = new ArrayList<>();
        Protocol protocol = Protocol.HTTP;
        if (request.protocol() != null) {
            switch (request.protocol().toLowerCase(Locale.ROOT)) {
                case "http" -> protocol = Protocol.HTTP;
                case "https" -> protocol = Protocol.HTTPS;
                default -> violations.add(new Violation("protocol", "must be http or https"));
            }
        }
        List<TargetSpec> targets = new ArrayList<>();
        List<TargetRequest> requested = request.targets() == null ? List.of() : request.targets();
        for (int i = 0; i < requested.size(); i++) {
            TargetRequest target = requested.get(i);
            String field = "targets[" + i + "]";
            if (target == null) {
                violations.add(new Violation(field, "must not be null"));
                continue;
            }
            if (target.host() == null || target.host().isBlank()) {
                violations.add(new Violation(field + ".host", "is required"));
            }
            if (target.port() == null) {
                violations.add(new Violation(field + ".port", "is required"));
            }
            targets.add(new TargetSpec(target.host() == null ? "" : target.host().trim(),
                    target.port() == null ? 0 : target.port(),
                    target.weight() == null ? TargetSpec.DEFAULT_WEIGHT : target.weight()));
        }
        ServiceSpec spec = new ServiceSpec(id, request.name(), protocol, targets,
                request.basePath() == null ? "" : request.basePath(),
                request.connectTimeoutMs() == null ? ServiceSpec.DEFAULT_CONNECT_TIMEOUT_MS
                        : request.connectTimeoutMs(),
                request.responseTimeoutMs() == null ? ServiceSpec.DEFAULT_RESPONSE_TIMEOUT_MS
                        : request.responseTimeoutMs(),
                balancing(request.balancing(), violations));
        // Null targets were skipped above, so validator indexes would be off; only merge when all are present.
        boolean indexesMatch = targets.size() == requested.size();
        merge(violations, validator.validate(spec), indexesMatch);
        if (indexesMatch) {
            refuseForbiddenTargets(targets, violations);
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return spec;
    }

    /** The contract's balancing for the request's fields; unknown names are reported, not guessed. */
    private static Balancing balancing(BalancingFields fields, List<Violation> violations) {
        if (fields == null) {
            return Balancing.ROUND_ROBIN;
        }
        Balancing.Algorithm algorithm = Balancing.Algorithm.ROUND_ROBIN;
        if (fields.algorithm() != null) {
            algorithm = Balancing.Algorithm.ofLabel(fields.algorithm());
            if (algorithm == null) {
                violations.add(new Violation("balancing.algorithm",
                        "must be round_robin, least_requests or consistent_hash"));
                return Balancing.ROUND_ROBIN;
            }
        }
        Balancing.HashOn hashOn = null;
        if (fields.hashOn() != null) {
            hashOn = Balancing.HashOn.ofLabel(fields.hashOn());
            if (hashOn == null) {
                violations.add(new Violation("balancing.hashOn", "must be header, cookie, consumer or client_address"));
                return Balancing.ROUND_ROBIN;
            }
        }
        return new Balancing(algorithm, hashOn, fields.hashKey(),
                fields.boundedLoad() == null ? 0 : fields.boundedLoad());
    }

    /** A violation on {@code targets[i].host} for each target the policy refuses, unless the row has one already. */
    private void refuseForbiddenTargets(List<TargetSpec> targets, List<Violation> violations) {
        for (int i = 0; i < targets.size(); i++) {
            String prefix = "targets[" + i + "]";
            boolean faulty = violations.stream().anyMatch(v -> v.field().equals(prefix)
                    || v.field().startsWith(prefix + "."));
            if (!faulty) {
                int row = i;
                targetRefusal.apply(targets.get(i)).ifPresent(reason -> violations.add(
                        new Violation("targets[" + row + "].host", "is never proxied to: " + reason)));
            }
        }
    }

    static void merge(List<Violation> into, List<Violation> validated, boolean includeIndexed) {
        Set<String> refused = new HashSet<>();
        into.forEach(v -> refused.add(v.field()));
        for (Violation v : validated) {
            if (!refused.contains(v.field()) && (includeIndexed || !v.field().startsWith("targets["))) {
                into.add(v);
            }
        }
    }
}
