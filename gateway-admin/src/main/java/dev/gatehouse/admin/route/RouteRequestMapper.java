package dev.gatehouse.admin.route;

import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.config.AuthMode;
import dev.gatehouse.config.ConfigValidator;
import dev.gatehouse.config.JwtSpec;
import dev.gatehouse.config.KeyAuthSpec;
import dev.gatehouse.config.PathMatch;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
     * The spec for this request under the given id.
     *
     * @param serviceId id of the service the request names, or null when it names none that exists
     * @throws InvalidInputException listing every problem
     */
    public RouteSpec toSpec(String id, RouteRequest request, String serviceId) {
        List<Violation> violations = new ArrayList<>();
        if (request.service() == null || request.service().isBlank()) {
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
                normalise("tags", request.tags(), Case.KEEP, violations), keyAuth, jwt, null);
        Set<String> refused = new HashSet<>();
        violations.forEach(v -> refused.add(v.field()));
        for (Violation v : validator.validate(spec)) {
            if (!refused.contains(v.field())) {
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

    /** The API's spelling of an auth mode. */
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
