package dev.gatehouse.admin.route;

import dev.gatehouse.config.Violation;
import dev.gatehouse.config.composite.CompositeSpec;
import dev.gatehouse.config.composite.CompositeStep;
import dev.gatehouse.config.composite.Placement;
import dev.gatehouse.config.composite.StepField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Turns the API's {@link CompositeRequest} into the contract's {@link CompositeSpec} and back. Here only what the
 * request itself can get wrong is checked (services named by name, spelling of {@code placement}, null entries);
 * templates, pointers, dependencies and limits are the contract's {@link CompositeSpec#validate} rules, applied by
 * {@link RouteRequestMapper} with the rest of the route.
 */
final class CompositeRequestMapper {

    /** Where the composite sits in a route request, and so the prefix of every violation reported here. */
    static final String FIELD = "composite";

    private CompositeRequestMapper() {
    }

    /**
     * The contract's composite for the request, with each step's service resolved to its id.
     *
     * @param serviceIds the id of the service a step names (by name or id), or null when none exists
     * @param violations where problems are added, as {@code composite.steps[i].service} and the like
     */
    static CompositeSpec toSpec(CompositeRequest request, UnaryOperator<String> serviceIds,
                                List<Violation> violations) {
        List<StepRequest> requested = request.steps() == null ? List.of() : request.steps();
        List<CompositeStep> steps = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            String at = FIELD + ".steps[" + i + "]";
            StepRequest step = requested.get(i);
            if (step == null) {
                violations.add(new Violation(at, "must not be null"));
                step = new StepRequest(null, null, null, null, null, null, null, null, null, null, null, null);
            }
            steps.add(step(step, at, serviceIds, violations));
        }
        return new CompositeSpec(steps, orZero(request.deadlineMs()), orZero(request.maxStepResponseBytes()),
                orZero(request.maxResponseBytes()));
    }

    private static CompositeStep step(StepRequest step, String at, UnaryOperator<String> serviceIds,
                                      List<Violation> violations) {
        String serviceId = null;
        if (step.service() == null || step.service().isBlank()) {
            violations.add(new Violation(at + ".service", "is required"));
        } else {
            serviceId = serviceIds.apply(step.service().trim());
            if (serviceId == null) {
                violations.add(new Violation(at + ".service",
                        "names no existing service: '" + step.service() + "'"));
            }
        }
        Placement placement = Placement.NEST;
        if (step.placement() != null) {
            switch (step.placement().trim().toLowerCase(Locale.ROOT)) {
                case "nest" -> placement = Placement.NEST;
                case "merge" -> placement = Placement.MERGE;
                default -> violations.add(new Violation(at + ".placement", "must be nest or merge"));
            }
        }
        List<String> dependsOn = new ArrayList<>();
        List<String> requested = step.dependsOn() == null ? List.of() : step.dependsOn();
        for (int d = 0; d < requested.size(); d++) {
            if (requested.get(d) == null) {
                violations.add(new Violation(at + ".dependsOn[" + d + "]", "must not be null"));
                dependsOn.add("");
            } else {
                dependsOn.add(requested.get(d).trim());
            }
        }
        List<StepField> fields = new ArrayList<>();
        List<StepField> requestedFields = step.fields() == null ? List.of() : step.fields();
        for (int f = 0; f < requestedFields.size(); f++) {
            if (requestedFields.get(f) == null) {
                violations.add(new Violation(at + ".fields[" + f + "]", "must not be null"));
                fields.add(new StepField(null, null));
            } else {
                fields.add(requestedFields.get(f));
            }
        }
        String method = step.method() == null || step.method().isBlank() ? null
                : step.method().trim().toUpperCase(Locale.ROOT);
        return new CompositeStep(step.name() == null ? null : step.name().trim(), serviceId, method, step.path(),
                step.query(), step.headers(), Boolean.TRUE.equals(step.passBody()), dependsOn,
                orZero(step.timeoutMs()), step.required() == null || step.required(), placement, fields);
    }

    /**
     * The API's form of a stored composite: every value in force (defaults filled in), services by name.
     *
     * @param serviceNames the name of the service with an id (the id itself when the service is unknown)
     */
    static CompositeRequest toRequest(CompositeSpec spec, UnaryOperator<String> serviceNames) {
        List<StepRequest> steps = spec.steps().stream().map(step -> new StepRequest(step.name(),
                serviceNames.apply(step.serviceId()), step.method(), step.path(), step.query(), step.headers(),
                step.passBody(), step.dependsOn(), step.timeoutMs(), step.required(),
                step.placement().name().toLowerCase(Locale.ROOT), step.fields())).toList();
        return new CompositeRequest(spec.deadlineMs(), spec.maxStepResponseBytes(), spec.maxResponseBytes(), steps);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
