package dev.gatehouse.admin.route;

import dev.gatehouse.config.PathMatch;
import dev.gatehouse.config.RouteSpec;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.springframework.data.domain.Persistable;

/**
 * A row of {@code routes}. Hosts, paths and methods are PostgreSQL {@code text[]} columns, mapped with
 * Hibernate's native array support. The service is held by id only: its name belongs to the upstream feature.
 */
@Entity
@Table(name = "routes")
class StoredRoute implements Persistable<UUID> {

    @Id
    private UUID id;

    private String name;

    private UUID serviceId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> hosts;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> paths;

    /** {@code prefix} or {@code exact}, as the table's CHECK constraint spells them. */
    private String pathMatch;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> methods;

    private boolean stripPrefix;

    private int priority;

    private boolean enabled;

    private Instant createdAt;

    private Instant updatedAt;

    // The id is assigned here, not by the database: without this flag Spring Data would merge (SELECT first).
    @Transient
    private boolean isNew;

    protected StoredRoute() {
    }

    /** A new route with the given spec's id and content. */
    static StoredRoute create(RouteSpec spec, Instant now) {
        StoredRoute route = new StoredRoute();
        route.id = UUID.fromString(spec.id());
        route.createdAt = now;
        route.isNew = true;
        route.apply(spec, now);
        return route;
    }

    /** Replaces the content with the spec's (the id stays). */
    void apply(RouteSpec spec, Instant now) {
        name = spec.name();
        serviceId = UUID.fromString(spec.serviceId());
        hosts = spec.hosts();
        paths = spec.paths();
        pathMatch = spec.pathMatch() == PathMatch.EXACT ? "exact" : "prefix";
        methods = spec.methods();
        stripPrefix = spec.stripPrefix();
        priority = spec.priority();
        enabled = spec.enabled();
        updatedAt = now;
    }

    /** The route as the contract publishes it. */
    RouteSpec toSpec() {
        return new RouteSpec(id.toString(), name, serviceId.toString(), hosts, paths,
                "exact".equals(pathMatch) ? PathMatch.EXACT : PathMatch.PREFIX, methods, stripPrefix, priority,
                enabled);
    }

    /** The route as the API and console show it, with the name of its service. */
    RouteView toView(String serviceName) {
        return new RouteView(id.toString(), name, serviceName, hosts, paths, pathMatch, methods, stripPrefix,
                priority, enabled, createdAt, updatedAt);
    }

    @Override
    public UUID getId() {
        return id;
    }

    String name() {
        return name;
    }

    UUID serviceId() {
        return serviceId;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostLoad
    @PostPersist
    void stored() {
        isNew = false;
    }
}
