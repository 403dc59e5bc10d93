package dev.gatehouse.admin.route;

import dev.gatehouse.admin.console.TextList;
import dev.gatehouse.config.Violation;
import dev.gatehouse.config.composite.CompositeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The step editor of the route form: the composite's limits and its steps. Steps are added and removed by submit
 * buttons that show the form again (nothing is saved), so the editor works without JavaScript.
 */
public class CompositeForm {

    private static final Pattern STEP_FIELD = Pattern.compile("composite\\.steps\\[(\\d+)]\\.(\\w+)(.*)");
    private static final Pattern ENTRY = Pattern.compile("\\[(\\d+)](.*)");

    private Integer deadlineMs;
    private Integer maxStepResponseBytes;
    private Integer maxResponseBytes;
    private List<StepForm> steps = new ArrayList<>(List.of(new StepForm()));

    /** The editor filled from a composite as the API shows it; one empty step when there is none. */
    static CompositeForm from(CompositeRequest composite) {
        CompositeForm form = new CompositeForm();
        if (composite != null) {
            form.deadlineMs = composite.deadlineMs();
            form.maxStepResponseBytes = composite.maxStepResponseBytes();
            form.maxResponseBytes = composite.maxResponseBytes();
            form.steps = new ArrayList<>(composite.steps().stream().map(StepForm::from).toList());
        }
        return form;
    }

    /** The API's composite; unreadable lines go to {@code problems} under their form field. */
    CompositeRequest toRequest(List<Violation> problems) {
        List<StepRequest> requests = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            requests.add(steps.get(i).toRequest("composite.steps[" + i + "]", problems));
        }
        return new CompositeRequest(deadlineMs, maxStepResponseBytes, maxResponseBytes, requests);
    }

    /** Appends an empty step, up to the contract's limit. */
    void addStep() {
        if (steps.size() < CompositeSpec.MAX_STEPS) {
            steps.add(new StepForm());
        }
    }

    /** Removes the step at the index, if there is one. */
    void removeStep(int index) {
        if (index >= 0 && index < steps.size()) {
            steps.remove(index);
        }
    }

    /**
     * The form field that shows a violation of {@code composite.*}, or empty when the field is not one of the
     * editor's. Entries of a box (a query parameter, a header, a field, a dependency) show on the box, quoting
     * the entry.
     */
    Optional<Violation> toFormField(Violation violation) {
        String field = violation.field();
        switch (field) {
            case "composite", "composite.steps", "composite.deadlineMs", "composite.maxStepResponseBytes",
                 "composite.maxResponseBytes" -> {
                return Optional.of(violation);
            }
            default -> {
            }
        }
        Matcher matcher = STEP_FIELD.matcher(field);
        if (!matcher.matches() || Integer.parseInt(matcher.group(1)) >= steps.size()) {
            return Optional.empty();
        }
        int index = Integer.parseInt(matcher.group(1));
        StepForm step = steps.get(index);
        String box = "composite.steps[" + index + "]." + matcher.group(2);
        String rest = matcher.group(3);
        return switch (matcher.group(2)) {
            case "name", "service", "method", "path", "passBody", "timeoutMs", "required", "placement" ->
                    rest.isEmpty() ? Optional.of(new Violation(box, violation.message())) : Optional.empty();
            case "query", "headers" -> Optional.of(new Violation(box, rest.startsWith(".")
                    ? "\u201c" + rest.substring(1) + "\u201d " + violation.message() : violation.message()));
            case "dependsOn" -> Optional.of(new Violation(box,
                    quoted(rest, TextList.split(step.getDependsOn())) + violation.message()));
            case "fields" -> Optional.of(new Violation(box, quoted(rest, step.fieldLines()) + violation.message()));
            default -> Optional.empty();
        };
    }

    /** {@code “entry” } for {@code [i]} or {@code [i].part} of a box's entries; empty for the box itself. */
    private static String quoted(String rest, List<String> entries) {
        Matcher entry = ENTRY.matcher(rest);
        if (!entry.matches()) {
            return "";
        }
        int i = Integer.parseInt(entry.group(1));
        String text = i < entries.size() ? entries.get(i) : "#" + (i + 1);
        String part = entry.group(2).startsWith(".") ? " (" + entry.group(2).substring(1) + ")" : "";
        return "\u201c" + text + "\u201d" + part + " ";
    }

    public Integer getDeadlineMs() {
        return deadlineMs;
    }

    public void setDeadlineMs(Integer deadlineMs) {
        this.deadlineMs = deadlineMs;
    }

    public Integer getMaxStepResponseBytes() {
        return maxStepResponseBytes;
    }

    public void setMaxStepResponseBytes(Integer maxStepResponseBytes) {
        this.maxStepResponseBytes = maxStepResponseBytes;
    }

    public Integer getMaxResponseBytes() {
        return maxResponseBytes;
    }

    public void setMaxResponseBytes(Integer maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
    }

    public List<StepForm> getSteps() {
        return steps;
    }

    public void setSteps(List<StepForm> steps) {
        this.steps = steps == null ? new ArrayList<>() : new ArrayList<>(steps);
    }
}
