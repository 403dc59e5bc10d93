package dev.gatehouse.admin.policy;

import dev.gatehouse.admin.db.StoredEntity;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.PolicySpec;
import dev.gatehouse.config.policy.PolicyConfig;
import dev.gatehouse.config.policy.PolicyScope;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code policies}. The configuration is the contract's JSON form of {@link PolicyConfig} in a
 * {@code jsonb} column (its type is repeated in {@code type} for filtering); the scope's target is held by id in
 * one foreign-key column per kind.
 */
@Entity
@Table(name = "policies")
class StoredPolicy extends StoredEntity {

    private String name;

    private boolean enabled;

    /** The scope as the table's CHECK constraint spells it, such as {@code route-consumer}. */
    private String scope;

    private String type;

    private UUID serviceId;

    private UUID routeId;

    private UUID consumerId;

    private UUID planId;

    @JdbcTypeCode(SqlTypes.JSON)
    private String config;

    private Instant updatedAt;

    protected StoredPolicy() {
    }

    static StoredPolicy create(PolicySpec spec, ConfigJson json, Instant now) {
        StoredPolicy policy = new StoredPolicy();
        policy.created(UUID.fromString(spec.id()), now);
        policy.apply(spec, json, now);
        return policy;
    }

    void apply(PolicySpec spec, ConfigJson json, Instant now) {
        this.name = spec.name();
        this.enabled = spec.enabled();
        this.scope = spec.scope().value();
        this.type = spec.type().value();
        this.serviceId = uuid(spec.serviceId());
        this.routeId = uuid(spec.routeId());
        this.consumerId = uuid(spec.consumerId());
        this.planId = uuid(spec.planId());
        this.config = json.writeString(spec.config());
        this.updatedAt = now;
    }

    PolicySpec toSpec(ConfigJson json) {
        return new PolicySpec(getId().toString(), name, enabled, scope(), string(serviceId), string(routeId),
                string(consumerId), string(planId), json.read(config, PolicyConfig.class));
    }

    String name() {
        return name;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    private PolicyScope scope() {
        for (PolicyScope s : PolicyScope.values()) {
            if (s.value().equals(scope)) {
                return s;
            }
        }
        throw new IllegalStateException("unknown stored scope " + scope);
    }

    private static UUID uuid(String id) {
        return id == null ? null : UUID.fromString(id);
    }

    private static String string(UUID id) {
        return id == null ? null : id.toString();
    }
}
