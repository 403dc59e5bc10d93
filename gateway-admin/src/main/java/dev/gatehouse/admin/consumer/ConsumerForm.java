package dev.gatehouse.admin.consumer;

import dev.gatehouse.admin.console.TextList;
import dev.gatehouse.config.Violation;
import java.util.Optional;

/**
 * The console's consumer form. Groups and tags are typed one per line (commas work too); the plan is chosen from
 * the existing plans. Holds only what an admin may edit; id, key counts and timestamps stay on the server.
 */
public class ConsumerForm {

    // The version the form was filled from; the only server-owned value a form sends back, as a check.
    private Long version;
    private String name;
    private String description;
    private String status = "active";
    private String groups;
    private String plan;
    private String tags;

    /** The form filled from an existing consumer. */
    static ConsumerForm from(ConsumerView consumer) {
        ConsumerForm form = new ConsumerForm();
        form.version = consumer.version();
        form.name = consumer.name();
        form.description = consumer.description();
        form.status = consumer.status();
        form.groups = TextList.join(consumer.groups());
        form.plan = consumer.plan();
        form.tags = TextList.join(consumer.tags());
        return form;
    }

    /** The request for the consumer API. */
    ConsumerRequest toRequest() {
        return new ConsumerRequest(name, description, status, TextList.split(groups), plan, TextList.split(tags));
    }

    /** The form field that shows a violation of the consumer API; list entries show on their text box. */
    Violation toFormField(Violation violation) {
        if (violation.field() == null) {
            return violation;
        }
        Optional<Violation> onList = TextList.onTextBox(violation, "groups", "groups", TextList.split(groups))
                .or(() -> TextList.onTextBox(violation, "tags", "tags", TextList.split(tags)));
        if (onList.isPresent()) {
            return onList.get();
        }
        return switch (violation.field()) {
            case "name", "description", "status", "plan" -> violation;
            default -> new Violation(null, violation.message());
        };
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

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getGroups() {
        return groups;
    }

    public void setGroups(String groups) {
        this.groups = groups;
    }

    public String getPlan() {
        return plan;
    }

    public void setPlan(String plan) {
        this.plan = plan;
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags;
    }

    /** The version of the stored object this form was filled from; null for a new object. */
    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
