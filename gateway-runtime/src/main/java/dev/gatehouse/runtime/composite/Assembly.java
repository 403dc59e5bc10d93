package dev.gatehouse.runtime.composite;

import dev.gatehouse.config.composite.Placement;
import dev.gatehouse.runtime.composite.CompiledStep.Field;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a composite call's answer from its steps' outcomes, in the route's declared step order: an empty JSON
 * object, then each answered step's (selected) answer nested under its name or merged into the top level (a later
 * step's member replaces an earlier one of the same name), then, when optional steps failed, an {@code errors}
 * member listing them ({@code step}, {@code reason}, {@code status}), which replaces any member of that name.
 */
final class Assembly {

    /** The member listing the optional steps that failed. */
    static final String ERRORS = "errors";

    private Assembly() {
    }

    /** The answer; {@code outcomes} by step index, null for a step that has none. */
    static ObjectNode assemble(CompiledComposite composite, StepOutcome[] outcomes) {
        ObjectNode root = StepCaller.JSON.createObjectNode();
        ArrayNode errors = null;
        for (CompiledStep step : composite.steps()) {
            StepOutcome outcome = outcomes[step.index()];
            if (outcome == null) {
                continue;
            }
            if (outcome.isFailure()) {
                if (errors == null) {
                    errors = root.arrayNode();
                }
                errors.addObject()
                        .put("step", step.name())
                        .put("reason", outcome.failure().reason())
                        .put("status", outcome.failure().status());
                continue;
            }
            JsonNode value = select(step, outcome.answer());
            if (step.placement() == Placement.MERGE) {
                // a step whose whole answer is not an object has failed already (see CompositeCall)
                root.setAll((ObjectNode) value);
            } else {
                root.set(step.name(), value);
            }
        }
        if (errors != null) {
            root.set(ERRORS, errors);
        }
        return root;
    }

    /** The part of {@code answer} a step keeps: all of it, or an object of its fields (absent ones left out). */
    static JsonNode select(CompiledStep step, JsonNode answer) {
        if (step.fields().isEmpty()) {
            return answer;
        }
        ObjectNode selected = StepCaller.JSON.createObjectNode();
        for (Field field : step.fields()) {
            JsonNode value = answer.at(field.pointer());
            if (!value.isMissingNode()) {
                selected.set(field.name(), value);
            }
        }
        return selected;
    }

    /** True when some step's outcome is a failure (the answer is partial). */
    static boolean isPartial(StepOutcome[] outcomes) {
        for (StepOutcome outcome : outcomes) {
            if (outcome != null && outcome.isFailure()) {
                return true;
            }
        }
        return false;
    }
}
