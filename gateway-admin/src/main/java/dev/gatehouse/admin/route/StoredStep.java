package dev.gatehouse.admin.route;

import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.composite.CompositeStep;
import jakarta.persistence.Embeddable;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code route_steps}; its position in the route's list is the {@code position} column. The service is
 * a column with a foreign key (so a service a step calls cannot be deleted); the rest of the step is the
 * contract's step as JSON, written without the service id so that the column is its one home.
 */
@Embeddable
class StoredStep {

    private String name;

    private UUID serviceId;

    @JdbcTypeCode(SqlTypes.JSON)
    private String step;

    protected StoredStep() {
    }

    static StoredStep of(CompositeStep spec, ConfigJson json) {
        StoredStep stored = new StoredStep();
        stored.name = spec.name();
        stored.serviceId = UUID.fromString(spec.serviceId());
        stored.step = json.writeString(withService(spec, null));
        return stored;
    }

    CompositeStep toSpec(ConfigJson json) {
        return withService(json.read(step, CompositeStep.class), serviceId.toString());
    }

    UUID serviceId() {
        return serviceId;
    }

    String name() {
        return name;
    }

    private static CompositeStep withService(CompositeStep step, String serviceId) {
        return new CompositeStep(step.name(), serviceId, step.method(), step.path(), step.query(), step.headers(),
                step.passBody(), step.dependsOn(), step.timeoutMs(), step.required(), step.placement(),
                step.fields());
    }
}
