package dev.gatehouse.admin.route;

import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.config.AuthMode;
import dev.gatehouse.config.ConfigValidator;
import dev.gatehouse.config.JwtSpec;
import dev.gatehouse.config.KeyAuthSpec;
import dev.gatehouse.config.PathMatch;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.Violation;
import dev.gatehouse.config.composite.CompositeSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Turns a {@link RouteRequest} into the contract's {@link RouteSpec}: fills defaults, normalises case
 * (methods and JWT algorithms upper, hosts lower), checks what only the request can get wrong (including the
 * JWK set), then applies the contract's {@link ConfigValidator}. One message per field.
 */
public final class RouteRequestMapper {

    /** Clock skew allowed for {@code exp}/{@code nbf} when the request names none. */
    static final int DEFAULT_CLOCK_SKEW_SECONDS = 30;

    private final ConfigValidator validator;

    public RouteRequestMapper(ConfigValidator validator) {
        this.validator = validator;
    }

    /**
     * The spec for this request under the given id, for a request whose composite steps (if any) name no
     * existing service.
     *
     * @param serviceId id of the service the request names, or null when it names none that exists
     * @throws InvalidInputException listing every problem
     */
    public RouteSpec toSpec(String id, RouteRequest request, String serviceId) {
        return toSpec(id, request, serviceId, name -> null);
    }

    /**
     * The spec for this request under the given id.
     *
     * @param serviceId      id of the service the request names, or null when it names none that exists
     * @param stepServiceIds id of the service a composite step names (by name or id), or null when none exists
     * @throws InvalidInputException listing every problem
     */
    public RouteSpec toSpec(String id, RouteRequest request, String serviceId, UnaryOperator<String> stepServiceIds) {
        List<Violation> violations = new ArrayList<>();
        boolean composite = composite(request, violations);
        CompositeSpec steps = null;
        if (composite) {
            if (request.service() != null && !request.service().isBlank()) {
                violations.add(new Violation("service", "must be absent for a composite route: its steps name "
                        + "services"));
            }
            if (request.composite() == null) {
                violations.add(new Violation(CompositeRequestMapper.FIELD, "is required when kind is composite"));
            } else {
                steps = CompositeRequestMapper.toSpec(request.composite(), stepServiceIds, violations);
            }
            serviceId = null;
        } else if (request.service() == null || request.service().isBlank()) {
            violations.add(new Violation("service", "is required"));
        } else if (serviceId == null) {
            violations.add(new Violation("service", "names no existing service: '" + request.service() + "'"));
        }
        PathMatch pathMatch = PathMatch.PREFIX;
        if (request.pathMatch() != null) {
            switch (request.pathMatch().toLowerCase(Locale.ROOT)) {
                case "prefix" -> pathMatch = PathMatch.PREFIX;
                case "exact" -> pathMatch = PathMatch.EXACT;
                default -> violations.add(new Violation("pathMatch", "must be prefix or exact"));
            }
        }
        List<String> hosts = normalise("hosts", request.hosts(), Case.LOWER, violations);
        List<String> methods = normalise("methods", request.methods(), Case.UPPER, violations);
        List<String> paths = new ArrayList<>(request.paths() == null ? List.of() : request.paths());
        for (int i = 0; i < paths.size(); i++) {
            if (paths.get(i) == null) {
                violations.add(new Violation("paths[" + i + "]", "must not be null"));
                paths.set(i, "");
            }
        }
        AuthMode auth = auth(request.auth(), violations);
        KeyAuthSpec keyAuth = request.keyAuth() == null ? KeyAuthSpec.DEFAULT
                : new KeyAuthSpec(trim(request.keyAuth().header()), Boolean.TRUE.equals(request.keyAuth().bearer()),
                trim(request.keyAuth().queryParam()));
        JwtSpec jwt = auth == AuthMode.JWT && request.jwt() != null ? jwt(request.jwt(), violations) : null;
        RouteSpec spec = new RouteSpec(id, request.name(), serviceId, hosts, paths, pathMatch, methods,
                Boolean.TRUE.equals(request.stripPrefix()),
                request.priority() == null ? 0 : request.priority(),
                request.enabled() == null || request.enabled(),
                auth, normalise("allowedGroups", request.allowedGroups(), Case.KEEP, violations),
                normalise("tags", request.tags(), Case.KEEP, violations), keyAuth, jwt, steps);
        Set<String> refused = new HashSet<>();
        violations.forEach(v -> refused.add(v.field()));
        for (Violation v : validator.validate(spec)) {
            if (!refused.contains(v.field()) && !withinRefused(v.field(), refused)) {
                violations.add(v);
                refused.add(v.field());
            }
        }
        if (jwt != null && jwt.jwks() != null && !refused.contains(JwksCheck.FIELD)) {
            JwksCheck.check(jwt.jwks(), jwt.algorithms(), violations);
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return spec;
    }

    /**
     * Whether the request is for a composite route. An absent kind means {@code proxy}; a composite sent with
     * another kind is refused rather than silently dropped.
     */
    private static boolean composite(RouteRequest request, List<Violation> violations) {
        String kind = request.kind() == null ? RouteRequest.PROXY : request.kind().trim().toLowerCase(Locale.ROOT);
        switch (kind) {
            case RouteRequest.COMPOSITE -> {
                return true;
            }
            case RouteRequest.PROXY -> {
                if (request.composite() != null) {
                    violations.add(new Violation(CompositeRequestMapper.FIELD,
                            "is only for composite routes: set kind to composite, or leave composite out"));
                }
                return false;
            }
            default -> {
                violations.add(new Violation("kind", "must be proxy or composite"));
                return false;
            }
        }
    }

    /**
     * Whether the field lies inside one already refused ({@code composite.steps[0].name} inside
     * {@code composite.steps[0]}): a null entry is reported once, not again for each of its parts.
     */
    private static boolean withinRefused(String field, Set<String> refused) {
        for (String outer : refused) {
            if (outer != null && field != null
                    && (field.startsWith(outer + ".") || field.startsWith(outer + "["))) {
                return true;
            }
        }
        return false;
    }

    /** The API's spelling of an auth mode. */
    /**
     * The request that describes a route exactly as {@code spec} (secret included: for declarative export and
     * rollback, which redact it themselves), naming services through {@code serviceNames} (id to name).
     */
    public static RouteRequest toRequest(RouteSpec spec, UnaryOperator<String> serviceNames) {
        return new RouteRequest(spec.name(), spec.composite() == null ? RouteRequest.PROXY : RouteRequest.COMPOSITE,
                spec.serviceId() == null ? null : serviceNames.apply(spec.serviceId()), spec.hosts(), spec.paths(),
                spec.pathMatch() == PathMatch.EXACT ? "exact" : "prefix", spec.methods(),
                spec.stripPrefix(), spec.priority(), spec.enabled(), authName(spec.auth()), spec.allowedGroups(),
                spec.tags(), KeyAuthRequest.of(spec.keyAuth()), spec.jwt() == null ? null : JwtRequest.of(spec.jwt()),
                spec.composite() == null ? null : CompositeRequestMapper.toRequest(spec.composite(), serviceNames));
    }

    static String authName(AuthMode auth) {
        return auth.name().toLowerCase(Locale.ROOT);
    }

    private static AuthMode auth(String value, List<Violation> violations) {
        if (value == null) {
            return AuthMode.KEY;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> AuthMode.NONE;
            case "key" -> AuthMode.KEY;
            case "jwt" -> AuthMode.JWT;
            default -> {
                violations.add(new Violation("auth", "must be none, key or jwt"));
                yield AuthMode.KEY;
            }
        };
    }

    private static JwtSpec jwt(JwtRequest request, List<Violation> violations) {
        List<String> audiences = normalise("jwt.audiences", request.audiences(), Case.KEEP, violations);
        for (int i = 0; i < audiences.size(); i++) {
            if (request.audiences().get(i) != null
                    && (audiences.get(i).isEmpty() || audiences.get(i).length() > 256)) {
                violations.add(new Violation("jwt.audiences[" + i + "]", "must be 1 to 256 characters"));
            }
        }
        String issuer = trim(request.issuer());
        if (issuer != null && issuer.length() > 1_024) {
            violations.add(new Violation("jwt.issuer", "must be at most 1024 characters"));
        }
        if (request.secret() != null && request.secret().length() > 1_024) {
            violations.add(new Violation("jwt.secret", "must be at most 1024 characters"));
        }
        return new JwtSpec(normalise("jwt.algorithms", request.algorithms(), Case.UPPER, violations), issuer,
                audiences, request.secret() == null || request.secret().isEmpty() ? null : request.secret(),
                trim(request.jwks()), trim(request.jwksUrl()), trim(request.consumerClaim()),
                request.clockSkewSeconds() == null ? DEFAULT_CLOCK_SKEW_SECONDS : request.clockSkewSeconds());
    }

    private enum Case { UPPER, LOWER, KEEP }

    private static List<String> normalise(String field, List<String> values, Case letterCase,
                                          List<Violation> violations) {
        List<String> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null) {
                violations.add(new Violation(field + "[" + i + "]", "must not be null"));
                out.add("");
            } else {
                String trimmed = value.trim();
                out.add(switch (letterCase) {
                    case UPPER -> trimmed.toUpperCase(Locale.ROOT);
                    case LOWER -> trimmed.toLowerCase(Locale.ROOT);
                    case KEEP -> trimmed;
                });
            }
        }
        return out;
    }

    private static String trim(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
