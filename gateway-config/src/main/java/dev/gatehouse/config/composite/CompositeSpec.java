package dev.gatehouse.config.composite;

import dev.gatehouse.config.Violations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a composite route calls and how it assembles the answers.
 *
 * @param steps                the upstream calls; they run in parallel except where {@code dependsOn} orders them
 * @param deadlineMs           total time allowed for the composite call, in milliseconds
 * @param maxStepResponseBytes most bytes read from one step's answer; a longer answer fails that step
 * @param maxResponseBytes     most bytes of the assembled answer; a longer one fails the call
 */
public record CompositeSpec(List<CompositeStep> steps, int deadlineMs, int maxStepResponseBytes,
                            int maxResponseBytes) {

    /** Most steps a composite route may have. */
    public static final int MAX_STEPS = 16;
    /** Deadline when none is stated. */
    public static final int DEFAULT_DEADLINE_MS = 10_000;
    /** Longest deadline. */
    public static final int MAX_DEADLINE_MS = 120_000;
    /** Step answer limit when none is stated: 1 MiB. */
    public static final int DEFAULT_MAX_STEP_RESPONSE_BYTES = 1 << 20;
    /** Assembled answer limit when none is stated: 4 MiB. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 4 << 20;
    /** Highest limit either size may be set to: 16 MiB. */
    public static final int MAX_BYTES = 16 << 20;

    public CompositeSpec {
        steps = steps == null ? List.of() : List.copyOf(steps);
        deadlineMs = deadlineMs == 0 ? DEFAULT_DEADLINE_MS : deadlineMs;
        maxStepResponseBytes = maxStepResponseBytes == 0 ? DEFAULT_MAX_STEP_RESPONSE_BYTES : maxStepResponseBytes;
        maxResponseBytes = maxResponseBytes == 0 ? DEFAULT_MAX_RESPONSE_BYTES : maxResponseBytes;
    }

    /** The step of that name, or {@code null}. */
    public CompositeStep step(String name) {
        for (CompositeStep step : steps) {
            if (step.name().equals(name)) {
                return step;
            }
        }
        return null;
    }

    /**
     * Checks the steps, their names, dependencies (known, no cycle, every step a template uses listed in
     * {@code dependsOn}), at most one body passthrough, and the limits. Whether each step's service exists is the
     * caller's check, as for a route's service.
     */
    public void validate(Violations violations) {
        violations.range("deadlineMs", deadlineMs, 1, MAX_DEADLINE_MS);
        violations.range("maxStepResponseBytes", maxStepResponseBytes, 1, MAX_BYTES);
        violations.range("maxResponseBytes", maxResponseBytes, 1, MAX_BYTES);
        if (steps.isEmpty()) {
            violations.add("steps", "must list at least one step");
            return;
        }
        violations.atMost("steps", steps, MAX_STEPS);
        Set<String> names = new HashSet<>();
        for (CompositeStep step : steps) {
            if (step.name() != null) {
                names.add(step.name());
            }
        }
        Set<String> seen = new HashSet<>();
        int bodies = 0;
        // A deadline out of range is reported once, above; the steps are then held to the longest one.
        int deadline = deadlineMs >= 1 && deadlineMs <= MAX_DEADLINE_MS ? deadlineMs : MAX_DEADLINE_MS;
        for (int i = 0; i < steps.size(); i++) {
            CompositeStep step = steps.get(i);
            Violations at = violations.at("steps", i);
            step.validate(at, deadline);
            if (step.name() != null && !seen.add(step.name())) {
                at.add("name", "'" + step.name() + "' is used by two steps");
            }
            if (step.passBody() && ++bodies == 2) {
                at.add("passBody", "only one step may receive the request body");
            }
            for (int d = 0; d < step.dependsOn().size(); d++) {
                String dependency = step.dependsOn().get(d);
                if (dependency == null || !names.contains(dependency)) {
                    at.add("dependsOn", d, "names no step of this route");
                } else if (dependency.equals(step.name())) {
                    at.add("dependsOn", d, "a step cannot depend on itself");
                }
            }
            usedSteps(step, at);
        }
        List<String> cycle = cycle();
        if (cycle != null) {
            violations.add("steps", "have a dependency cycle: " + String.join(" → ", cycle));
        }
    }

    /** Reports templates that use a step's answer without the step in {@code dependsOn}. */
    private static void usedSteps(CompositeStep step, Violations at) {
        for (String text : step.templates()) {
            if (ValueTemplate.problem(text) != null) {
                continue;
            }
            for (String used : ValueTemplate.parse(text).steps()) {
                if (!step.dependsOn().contains(used)) {
                    at.add("dependsOn", "must list '" + used + "', whose answer a template of this step uses");
                }
            }
        }
    }

    /** A dependency cycle as step names (first repeated at the end), or {@code null} when there is none. */
    public List<String> cycle() {
        Map<String, CompositeStep> byName = new HashMap<>();
        for (CompositeStep step : steps) {
            byName.putIfAbsent(step.name(), step);
        }
        Map<String, Integer> state = new HashMap<>();
        for (CompositeStep step : steps) {
            List<String> path = new ArrayList<>();
            List<String> found = visit(step.name(), byName, state, path);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static List<String> visit(String name, Map<String, CompositeStep> byName, Map<String, Integer> state,
                                      List<String> path) {
        Integer seen = state.get(name);
        if (seen != null && seen == 2) {
            return null;
        }
        if (seen != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            return cycle;
        }
        CompositeStep step = byName.get(name);
        if (step == null) {
            return null;
        }
        state.put(name, 1);
        path.add(name);
        for (String dependency : step.dependsOn()) {
            if (!dependency.equals(name)) {
                List<String> found = visit(dependency, byName, state, path);
                if (found != null) {
                    return found;
                }
            }
        }
        path.remove(path.size() - 1);
        state.put(name, 2);
        return null;
    }

    /**
     * The steps in dependency levels: level 0 depends on nothing, level n on steps of lower levels only. Only for
     * a configuration without a cycle.
     */
    public List<List<CompositeStep>> levels() {
        Map<String, Integer> level = new HashMap<>();
        List<List<CompositeStep>> levels = new ArrayList<>();
        for (CompositeStep step : steps) {
            int l = level(step, level);
            while (levels.size() <= l) {
                levels.add(new ArrayList<>());
            }
            levels.get(l).add(step);
        }
        return levels.stream().map(List::copyOf).toList();
    }

    private int level(CompositeStep step, Map<String, Integer> memo) {
        Integer known = memo.get(step.name());
        if (known != null) {
            return known;
        }
        int l = 0;
        for (String dependency : step.dependsOn()) {
            CompositeStep other = step(dependency);
            if (other != null && other != step) {
                l = Math.max(l, level(other, memo) + 1);
            }
        }
        memo.put(step.name(), l);
        return l;
    }
}
