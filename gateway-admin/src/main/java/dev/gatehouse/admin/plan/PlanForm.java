package dev.gatehouse.admin.plan;

import dev.gatehouse.config.Violation;

/** The console's plan form: name and description. Id, consumer counts and timestamps stay on the server. */
public class PlanForm {

    private String name;
    private String description;

    /** The form filled from an existing plan. */
    static PlanForm from(PlanView plan) {
        PlanForm form = new PlanForm();
        form.name = plan.name();
        form.description = plan.description();
        return form;
    }

    /** The request for the plan API. */
    PlanRequest toRequest() {
        return new PlanRequest(name, description);
    }

    /** The form field that shows a violation of the plan API. */
    Violation toFormField(Violation violation) {
        return "name".equals(violation.field()) || "description".equals(violation.field())
                ? violation : new Violation(null, violation.message());
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }
}
