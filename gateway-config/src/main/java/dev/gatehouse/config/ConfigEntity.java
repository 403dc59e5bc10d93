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
        @JsonSubTypes.Type(value = RouteSpec.class, name = "route")
})
public sealed interface ConfigEntity permits ServiceSpec, RouteSpec {

    /** Stable identifier assigned by the admin; survives renames. */
    String id();

    /** Unique, human-chosen name. */
    String name();

    /** What kind of object this is. */
    EntityKind kind();
}
