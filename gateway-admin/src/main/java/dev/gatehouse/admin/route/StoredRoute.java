package dev.gatehouse.admin.route;

import dev.gatehouse.admin.db.StoredEntity;
import dev.gatehouse.config.AuthMode;
import dev.gatehouse.config.JwtSpec;
import dev.gatehouse.config.KeyAuthSpec;
import dev.gatehouse.config.PathMatch;
import dev.gatehouse.config.RouteSpec;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code routes}. Lists are PostgreSQL {@code text[]} columns, mapped with Hibernate's native array
 * support; the key and JWT settings are plain columns (the JWT ones set only for {@code auth = 'jwt'}), so the
 * database checks them rather than holding an opaque JSON blob. The service is held by id only: its name
 * belongs to the upstream feature.
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

    private Instant updatedAt;

    protected StoredRoute() {
    }

    /** A new route with the given spec's id and content. */
    static StoredRoute create(RouteSpec spec, Instant now) {
        StoredRoute route = new StoredRoute();
        route.created(UUID.fromString(spec.id()), now);
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
    RouteSpec toSpec() {
        return new RouteSpec(getId().toString(), name, serviceId.toString(), hosts, paths,
                "exact".equals(pathMatch) ? PathMatch.EXACT : PathMatch.PREFIX, methods, stripPrefix, priority,
                enabled, authMode(), allowedGroups, tags, new KeyAuthSpec(keyHeader, keyBearer, keyQueryParam),
                jwt(), null);
    }

    /** The route as the API and console show it, with the name of its service and the JWT secret masked. */
    RouteView toView(String serviceName) {
        JwtSpec jwt = jwt();
        return new RouteView(getId().toString(), name, serviceName, hosts, paths, pathMatch, methods, stripPrefix,
                priority, enabled, createdAt(), updatedAt, auth, allowedGroups, tags,
                new KeyAuthRequest(keyHeader, keyBearer, keyQueryParam), jwt == null ? null : JwtRequest.shown(jwt),
                version());
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

    UUID serviceId() {
        return serviceId;
    }
}
