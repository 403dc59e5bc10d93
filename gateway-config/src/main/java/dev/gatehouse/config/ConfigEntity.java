package dev.gatehouse.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One published object of the configuration, identified by a stable id.
 * The {@code permits} list is the registry of everything the admin can publish to nodes.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ServiceSpec.class, name = "service"),
        @JsonSubTypes.Type(value = RouteSpec.class, name = "route"),
        @JsonSubTypes.Type(value = ConsumerSpec.class, name = "consumer"),
        @JsonSubTypes.Type(value = PlanSpec.class, name = "plan"),
        @JsonSubTypes.Type(value = ApiKeySpec.class, name = "key"),
        @JsonSubTypes.Type(value = PolicySpec.class, name = "policy"),
        @JsonSubTypes.Type(value = ClusterSettingsSpec.class, name = "settings")
})
public sealed interface ConfigEntity permits ServiceSpec, RouteSpec, ConsumerSpec, PlanSpec, ApiKeySpec,
        PolicySpec, ClusterSettingsSpec {

    /** Stable identifier assigned by the admin; survives renames. */
    String id();

    /** Unique, human-chosen name. */
    String name();

    /** What kind of object this is. */
    EntityKind kind();
}
