package dev.gatehouse.admin.route;

import dev.gatehouse.admin.db.StoredEntity;
import dev.gatehouse.config.AuthMode;
import dev.gatehouse.config.JwtSpec;
import dev.gatehouse.config.KeyAuthSpec;
import dev.gatehouse.config.PathMatch;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.composite.CompositeSpec;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code routes}. Lists are PostgreSQL {@code text[]} columns, mapped with Hibernate's native array
 * support; the key and JWT settings are plain columns (the JWT ones set only for {@code auth = 'jwt'}), so the
 * database checks them rather than holding an opaque JSON blob. The service is held by id only: its name
 * belongs to the upstream feature. A composite route has no service but limits and steps ({@code route_steps},
 * in order); the table's CHECK keeps exactly one of the two.
 */
@Entity
@Table(name = "routes")
class StoredRoute extends StoredEntity {

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

    /** {@code none}, {@code key} or {@code jwt}, as the table's CHECK constraint spells them. */
    private String auth;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> allowedGroups;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> tags;

    private String keyHeader;

    private boolean keyBearer;

    private String keyQueryParam;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> jwtAlgorithms;

    private String jwtIssuer;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> jwtAudiences;

    private String jwtSecret;

    private String jwtJwks;

    private String jwtJwksUrl;

    private String jwtConsumerClaim;

    private Integer jwtClockSkewSeconds;

    private Integer compositeDeadlineMs;

    private Integer compositeMaxStepResponseBytes;

    private Integer compositeMaxResponseBytes;

    @ElementCollection
    @CollectionTable(name = "route_steps", joinColumns = @JoinColumn(name = "route_id"))
    @OrderColumn(name = "position")
    // One query for the steps of every route a query loaded (snapshots list all routes), not one per route.
    @Fetch(FetchMode.SUBSELECT)
    private List<StoredStep> steps = new ArrayList<>();

    private Instant updatedAt;

    protected StoredRoute() {
    }

    /** A new route with the given spec's id and content. */
    static StoredRoute create(RouteSpec spec, ConfigJson json, Instant now) {
        StoredRoute route = new StoredRoute();
        route.created(UUID.fromString(spec.id()), now);
        route.apply(spec, json, now);
        return route;
    }

    /** Replaces the content with the spec's (the id stays); a route may change from proxy to composite and back. */
    void apply(RouteSpec spec, ConfigJson json, Instant now) {
        name = spec.name();
        CompositeSpec composite = spec.composite();
        serviceId = composite == null ? UUID.fromString(spec.serviceId()) : null;
        compositeDeadlineMs = composite == null ? null : composite.deadlineMs();
        compositeMaxStepResponseBytes = composite == null ? null : composite.maxStepResponseBytes();
        compositeMaxResponseBytes = composite == null ? null : composite.maxResponseBytes();
        // Replaced in place (same list), so Hibernate rewrites only the rows that changed.
        List<StoredStep> replaced = composite == null ? List.of()
                : composite.steps().stream().map(step -> StoredStep.of(step, json)).toList();
        steps.clear();
        steps.addAll(replaced);
        hosts = spec.hosts();
        paths = spec.paths();
        pathMatch = spec.pathMatch() == PathMatch.EXACT ? "exact" : "prefix";
        methods = spec.methods();
        stripPrefix = spec.stripPrefix();
        priority = spec.priority();
        enabled = spec.enabled();
        auth = RouteRequestMapper.authName(spec.auth());
        allowedGroups = spec.allowedGroups();
        tags = spec.tags();
        keyHeader = spec.keyAuth().header();
        keyBearer = spec.keyAuth().bearer();
        keyQueryParam = spec.keyAuth().queryParam();
        JwtSpec jwt = spec.auth() == AuthMode.JWT ? spec.jwt() : null;
        jwtAlgorithms = jwt == null ? null : jwt.algorithms();
        jwtIssuer = jwt == null ? null : jwt.issuer();
        jwtAudiences = jwt == null ? null : jwt.audiences();
        jwtSecret = jwt == null ? null : jwt.secret();
        jwtJwks = jwt == null ? null : jwt.jwks();
        jwtJwksUrl = jwt == null ? null : jwt.jwksUrl();
        jwtConsumerClaim = jwt == null ? null : jwt.consumerClaim();
        jwtClockSkewSeconds = jwt == null ? null : jwt.clockSkewSeconds();
        updatedAt = now;
    }

    /** The route as the contract publishes it. */
    RouteSpec toSpec(ConfigJson json) {
        return new RouteSpec(getId().toString(), name, serviceId == null ? null : serviceId.toString(), hosts,
                paths, "exact".equals(pathMatch) ? PathMatch.EXACT : PathMatch.PREFIX, methods, stripPrefix, priority,
                enabled, authMode(), allowedGroups, tags, new KeyAuthSpec(keyHeader, keyBearer, keyQueryParam),
                jwt(), composite(json));
    }

    /**
     * The route as the API and console show it, with service names and the JWT secret masked.
     *
     * @param serviceNames the name of the service with an id (the id itself when the service is unknown)
     */
    RouteView toView(UnaryOperator<String> serviceNames, ConfigJson json) {
        JwtSpec jwt = jwt();
        CompositeSpec composite = composite(json);
        return new RouteView(getId().toString(), name,
                composite == null ? RouteRequest.PROXY : RouteRequest.COMPOSITE,
                serviceId == null ? null : serviceNames.apply(serviceId.toString()), hosts, paths, pathMatch,
                methods, stripPrefix, priority, enabled, createdAt(), updatedAt, auth, allowedGroups, tags,
                new KeyAuthRequest(keyHeader, keyBearer, keyQueryParam), jwt == null ? null : JwtRequest.shown(jwt),
                composite == null ? null : CompositeRequestMapper.toRequest(composite, serviceNames), version());
    }

    private CompositeSpec composite(ConfigJson json) {
        if (compositeDeadlineMs == null) {
            return null;
        }
        return new CompositeSpec(steps.stream().map(step -> step.toSpec(json)).toList(), compositeDeadlineMs,
                compositeMaxStepResponseBytes, compositeMaxResponseBytes);
    }

    private AuthMode authMode() {
        return switch (auth) {
            case "none" -> AuthMode.NONE;
            case "jwt" -> AuthMode.JWT;
            default -> AuthMode.KEY;
        };
    }

    private JwtSpec jwt() {
        if (jwtAlgorithms == null) {
            return null;
        }
        return new JwtSpec(jwtAlgorithms, jwtIssuer, jwtAudiences, jwtSecret, jwtJwks, jwtJwksUrl, jwtConsumerClaim,
                jwtClockSkewSeconds == null ? 0 : jwtClockSkewSeconds);
    }

    String name() {
        return name;
    }

    /** Ids of every service the route calls: its service, or its steps' services. */
    java.util.Set<UUID> serviceIds() {
        java.util.Set<UUID> ids = new java.util.LinkedHashSet<>();
        if (serviceId != null) {
            ids.add(serviceId);
        }
        steps.forEach(step -> ids.add(step.serviceId()));
        return ids;
    }
}
