package dev.gatehouse.config;

import dev.gatehouse.config.composite.CompositeStep;
import dev.gatehouse.config.http.HeaderName;
import dev.gatehouse.config.http.HostName;
import dev.gatehouse.config.http.HttpMethod;
import dev.gatehouse.config.http.PathPrefix;
import dev.gatehouse.config.policy.PolicyConfig;
import dev.gatehouse.config.policy.PolicyResolver;
import dev.gatehouse.config.policy.PolicyScope;
import dev.gatehouse.config.policy.PolicyType;
import dev.gatehouse.config.policy.Quota;
import dev.gatehouse.config.policy.RateLimit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules every published object obeys. The admin applies them to each write; a node applies them again to a
 * whole configuration before it swaps it in.
 */
public final class ConfigValidator {

    /** Names: letters, digits, {@code . _ -}, starting with a letter or digit, at most 64 characters. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    static final int MAX_TARGETS = 256;
    static final int MAX_WEIGHT = 1_000;
    static final int MAX_CONNECT_TIMEOUT_MS = 60_000;
    static final int MAX_RESPONSE_TIMEOUT_MS = 600_000;
    static final int MAX_PRIORITY = 100_000;
    static final int MAX_PATHS = 64;
    static final int MAX_HOSTS = 64;
    static final int MAX_PATH_LENGTH = PathPrefix.MAX_LENGTH;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern QUERY_PARAM = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern HASH = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** Checks one service on its own. */
    public List<Violation> validate(ServiceSpec service) {
        List<Violation> out = new ArrayList<>();
        id(service.id(), out);
        name(service.name(), out);
        if (service.targets().isEmpty()) {
            out.add(new Violation("targets", "must list at least one target"));
        } else if (service.targets().size() > MAX_TARGETS) {
            out.add(new Violation("targets", "must list at most " + MAX_TARGETS + " targets"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < service.targets().size(); i++) {
            TargetSpec target = service.targets().get(i);
            String field = "targets[" + i + "]";
            if (target == null) {
                out.add(new Violation(field, "must not be null"));
                continue;
            }
            if (!HostName.isValid(target.host())) {
                out.add(new Violation(field + ".host", "must be a host name or IP address"));
            }
            if (target.port() < 1 || target.port() > 65_535) {
                out.add(new Violation(field + ".port", "must be between 1 and 65535"));
            }
            if (target.weight() < 1 || target.weight() > MAX_WEIGHT) {
                out.add(new Violation(field + ".weight", "must be between 1 and " + MAX_WEIGHT));
            }
            if (!seen.add(String.valueOf(target.host()).toLowerCase() + ":" + target.port())) {
                out.add(new Violation(field, "duplicates another target"));
            }
        }
        if (!service.basePath().isEmpty() && !PathPrefix.isValid(service.basePath())) {
            out.add(new Violation("basePath", "must be empty or a path starting with / without dot segments"));
        }
        range("connectTimeoutMs", service.connectTimeoutMs(), 1, MAX_CONNECT_TIMEOUT_MS, out);
        range("responseTimeoutMs", service.responseTimeoutMs(), 1, MAX_RESPONSE_TIMEOUT_MS, out);
        service.balancing().validate(new Violations(out).at("balancing"));
        return out;
    }

    /** Checks one route on its own (not whether its service exists). */
    public List<Violation> validate(RouteSpec route) {
        List<Violation> out = new ArrayList<>();
        id(route.id(), out);
        name(route.name(), out);
        if (route.composite() != null) {
            if (route.serviceId() != null) {
                out.add(new Violation("service", "must be empty for a composite route: its steps name services"));
            }
            route.composite().validate(new Violations(out).at("composite"));
        } else if (route.serviceId() == null || route.serviceId().isBlank()) {
            out.add(new Violation("service", "is required"));
        }
        if (route.paths().isEmpty()) {
            out.add(new Violation("paths", "must list at least one path"));
        } else if (route.paths().size() > MAX_PATHS) {
            out.add(new Violation("paths", "must list at most " + MAX_PATHS + " paths"));
        }
        for (int i = 0; i < route.paths().size(); i++) {
            String problem = routePathProblem(route.paths().get(i));
            if (problem != null) {
                out.add(new Violation("paths[" + i + "]", problem));
            }
        }
        if (route.hosts().size() > MAX_HOSTS) {
            out.add(new Violation("hosts", "must list at most " + MAX_HOSTS + " hosts"));
        }
        for (int i = 0; i < route.hosts().size(); i++) {
            if (!HostName.isPattern(route.hosts().get(i))) {
                out.add(new Violation("hosts[" + i + "]", "must be a host name, optionally starting with *."));
            }
        }
        new Violations(out).each("methods", route.methods(), HttpMethod::problem);
        range("priority", route.priority(), -MAX_PRIORITY, MAX_PRIORITY, out);
        names("allowedGroups", route.allowedGroups(), out);
        names("tags", route.tags(), out);
        if (!HeaderName.isValid(route.keyAuth().header())) {
            out.add(new Violation("keyAuth.header", HeaderName.INVALID));
        }
        if (route.keyAuth().queryParam() != null && !QUERY_PARAM.matcher(route.keyAuth().queryParam()).matches()) {
            out.add(new Violation("keyAuth.queryParam", "must be 1 to 64 letters, digits, '_', '-' or '.'"));
        }
        if (route.auth() == AuthMode.JWT) {
            if (route.jwt() == null) {
                out.add(new Violation("jwt", "is required when auth is jwt"));
            } else {
                jwt(route.jwt(), out);
            }
        }
        return out;
    }

    private static void jwt(JwtSpec jwt, List<Violation> out) {
        if (jwt.algorithms().isEmpty()) {
            out.add(new Violation("jwt.algorithms", "must list at least one of " + JwtSpec.SUPPORTED_ALGORITHMS));
        }
        boolean hmac = false;
        boolean asymmetric = false;
        for (int i = 0; i < jwt.algorithms().size(); i++) {
            String alg = jwt.algorithms().get(i);
            if (!JwtSpec.SUPPORTED_ALGORITHMS.contains(alg)) {
                out.add(new Violation("jwt.algorithms[" + i + "]", "must be one of " + JwtSpec.SUPPORTED_ALGORITHMS));
            }
            hmac |= "HS256".equals(alg);
            asymmetric |= "RS256".equals(alg) || "ES256".equals(alg);
        }
        if (hmac && asymmetric) {
            // One route never accepts both kinds: that is what algorithm-confusion attacks rely on.
            out.add(new Violation("jwt.algorithms", "must not mix HS256 with RS256 or ES256"));
        }
        if (hmac && (jwt.secret() == null || jwt.secret().getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32)) {
            out.add(new Violation("jwt.secret", "must hold at least 32 bytes for HS256"));
        }
        if (asymmetric && blank(jwt.jwks()) == blank(jwt.jwksUrl())) {
            out.add(new Violation("jwt.jwks", "give either a JWK set or a JWKS URL for RS256/ES256"));
        }
        if (!blank(jwt.jwksUrl()) && !jwt.jwksUrl().matches("https?://[^\\s]+")) {
            out.add(new Violation("jwt.jwksUrl", "must be an http or https URL"));
        }
        if (!NAME.matcher(jwt.consumerClaim()).matches()) {
            out.add(new Violation("jwt.consumerClaim", "must be a claim name"));
        }
        if (jwt.clockSkewSeconds() < 0 || jwt.clockSkewSeconds() > 600) {
            out.add(new Violation("jwt.clockSkewSeconds", "must be between 0 and 600"));
        }
    }

    /** Checks one consumer on its own (not whether its plan exists). */
    public List<Violation> validate(ConsumerSpec consumer) {
        List<Violation> out = new ArrayList<>();
        id(consumer.id(), out);
        name(consumer.name(), out);
        names("groups", consumer.groups(), out);
        return out;
    }

    /** Checks one plan on its own: name, rate limits and quotas. */
    public List<Violation> validate(PlanSpec plan) {
        List<Violation> out = new ArrayList<>();
        id(plan.id(), out);
        name(plan.name(), out);
        Violations violations = new Violations(out);
        RateLimit.validate("rateLimits", plan.rateLimits(), false, violations);
        Quota.validate("quotas", plan.quotas(), violations);
        return out;
    }

    /**
     * Checks one policy on its own (not whether what its scope names exists): the ids its scope needs, that its
     * type may be attached to that scope, and its configuration, which checks itself ({@link PolicyConfig#validate}).
     */
    public List<Violation> validate(PolicySpec policy) {
        List<Violation> out = new ArrayList<>();
        id(policy.id(), out);
        name(policy.name(), out);
        PolicyScope scope = policy.scope();
        if (scope == null) {
            out.add(new Violation("scope",
                    "is required: one of global, service, route, consumer, plan, route-consumer"));
        } else {
            scopeIds(policy, scope, out);
        }
        PolicyConfig config = policy.config();
        if (config == null) {
            out.add(new Violation("config", "is required"));
            return out;
        }
        PolicyType type = config.type();
        if (scope != null && !type.scopes().contains(scope)) {
            out.add(new Violation("scope", "a " + type.value() + " policy can be attached to "
                    + String.join(", ", type.scopes().stream().map(PolicyScope::value).sorted().toList())
                    + " only"));
        }
        config.validate(new Violations(out).at("config"));
        return out;
    }

    private static void scopeIds(PolicySpec p, PolicyScope scope, List<Violation> out) {
        scopeId("serviceId", p.serviceId(), scope == PolicyScope.SERVICE, out);
        scopeId("routeId", p.routeId(), scope == PolicyScope.ROUTE || scope == PolicyScope.ROUTE_CONSUMER, out);
        scopeId("consumerId", p.consumerId(),
                scope == PolicyScope.CONSUMER || scope == PolicyScope.ROUTE_CONSUMER, out);
        scopeId("planId", p.planId(), scope == PolicyScope.PLAN, out);
    }

    private static void scopeId(String field, String value, boolean needed, List<Violation> out) {
        boolean present = value != null && !value.isBlank();
        if (needed && !present) {
            out.add(new Violation(field, "is required for this scope"));
        } else if (!needed && value != null) {
            out.add(new Violation(field, "must not be set for this scope"));
        }
    }

    /** The violations of a policy whose scope names a service, route, consumer or plan the state lacks. */
    public List<Violation> references(PolicySpec policy, ConfigState state) {
        List<Violation> out = new ArrayList<>();
        if (policy.serviceId() != null && !state.services().containsKey(policy.serviceId())) {
            out.add(new Violation("serviceId", "names a service that does not exist"));
        }
        if (policy.routeId() != null && !state.routes().containsKey(policy.routeId())) {
            out.add(new Violation("routeId", "names a route that does not exist"));
        }
        if (policy.consumerId() != null && !state.consumers().containsKey(policy.consumerId())) {
            out.add(new Violation("consumerId", "names a consumer that does not exist"));
        }
        if (policy.planId() != null && !state.plans().containsKey(policy.planId())) {
            out.add(new Violation("planId", "names a plan that does not exist"));
        }
        return out;
    }

    /** Checks one API key on its own (not whether its consumer exists). */
    public List<Violation> validate(ApiKeySpec key) {
        List<Violation> out = new ArrayList<>();
        id(key.id(), out);
        if (key.consumerId() == null || key.consumerId().isBlank()) {
            out.add(new Violation("consumer", "is required"));
        }
        if (key.prefix() == null || !key.prefix().startsWith(ApiKeyFormat.TYPE_PREFIX)
                || key.prefix().length() > ApiKeyFormat.DISPLAY_PREFIX_LENGTH) {
            out.add(new Violation("prefix", "must be the display prefix of a key"));
        }
        if (key.hash() == null || !HASH.matcher(key.hash()).matches()) {
            out.add(new Violation("hash", "must be 32 bytes in base64url"));
        }
        if (key.expiresAt() < 0) {
            out.add(new Violation("expiresAt", "must be 0 (never) or a time"));
        }
        names("scopes.tags", key.scopes().tags(), out);
        return out;
    }

    /** Checks a whole configuration: every object, unique names, and that every route's service exists. */
    public List<Violation> validate(ConfigState state) {
        List<Violation> out = new ArrayList<>();
        Map<String, String> serviceNames = new HashMap<>();
        for (ServiceSpec service : state.services().values()) {
            prefixed("services[" + service.name() + "]", validate(service), out);
            if (serviceNames.put(service.name(), service.id()) != null) {
                out.add(new Violation("services[" + service.name() + "].name", "is used by two services"));
            }
        }
        Set<String> consumerNames = new HashSet<>();
        for (ConsumerSpec consumer : state.consumers().values()) {
            prefixed("consumers[" + consumer.name() + "]", validate(consumer), out);
            if (!consumerNames.add(consumer.name())) {
                out.add(new Violation("consumers[" + consumer.name() + "].name", "is used by two consumers"));
            }
            if (consumer.planId() != null && !state.plans().containsKey(consumer.planId())) {
                out.add(new Violation("consumers[" + consumer.name() + "].plan", "names a plan that does not exist"));
            }
        }
        Set<String> planNames = new HashSet<>();
        for (PlanSpec plan : state.plans().values()) {
            prefixed("plans[" + plan.name() + "]", validate(plan), out);
            if (!planNames.add(plan.name())) {
                out.add(new Violation("plans[" + plan.name() + "].name", "is used by two plans"));
            }
        }
        if (state.settings() != null && (!ClusterSettingsSpec.ID.equals(state.settings().id())
                || state.settings().keyHashSecret() == null
                || !HASH.matcher(state.settings().keyHashSecret()).matches())) {
            out.add(new Violation("settings", "must have id 'cluster' and a 32-byte base64url key-hashing secret"));
        }
        Set<String> policyNames = new HashSet<>();
        Set<String> policyTargets = new HashSet<>();
        for (PolicySpec policy : state.policies().values()) {
            if (policy.enabled() && policy.scope() != null && policy.config() != null
                    && !policyTargets.add(PolicyResolver.targetOf(policy) + "#" + policy.type())) {
                out.add(new Violation("policies[" + policy.name() + "].scope",
                        "another enabled " + policy.type().value() + " policy is attached to the same target"));
            }
            prefixed("policies[" + policy.name() + "]", validate(policy), out);
            prefixed("policies[" + policy.name() + "]", references(policy, state), out);
            if (!policyNames.add(policy.name())) {
                out.add(new Violation("policies[" + policy.name() + "].name", "is used by two policies"));
            }
        }
        Set<String> routeNames = new HashSet<>();
        for (RouteSpec route : state.routes().values()) {
            prefixed("routes[" + route.name() + "]", validate(route), out);
            if (!routeNames.add(route.name())) {
                out.add(new Violation("routes[" + route.name() + "].name", "is used by two routes"));
            }
            if (route.serviceId() != null && !state.services().containsKey(route.serviceId())) {
                out.add(new Violation("routes[" + route.name() + "].service", "names a service that does not exist"));
            }
            if (route.composite() != null) {
                List<CompositeStep> steps = route.composite().steps();
                for (int i = 0; i < steps.size(); i++) {
                    String stepService = steps.get(i).serviceId();
                    if (stepService != null && !state.services().containsKey(stepService)) {
                        out.add(new Violation("routes[" + route.name() + "].composite.steps[" + i + "].service",
                                "names a service that does not exist"));
                    }
                }
            }
        }
        return out;
    }

    /** Throws {@link ConfigValidationException} when the list is not empty. */
    public static void requireValid(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new ConfigValidationException(violations);
        }
    }

    /**
     * Why a route path cannot be used, or {@code null}. Nodes route on {@link CanonicalPath canonical} request paths,
     * so a route path written in another form (or with no canonical form at all) could never match as written: it
     * is refused with the reason, or with the form to write instead.
     */
    public static String routePathProblem(String path) {
        if (path == null) {
            return "must be a path starting with /";
        }
        if (path.length() > MAX_PATH_LENGTH) {
            return "must be at most " + MAX_PATH_LENGTH + " characters long";
        }
        CanonicalPath.Refusal refusal = CanonicalPath.refusal(path);
        if (refusal != null) {
            return refusal.message();
        }
        String canonical = CanonicalPath.canonicalize(path);
        if (!canonical.equals(path)) {
            return "must be written in canonical form: " + canonical;
        }
        return null;
    }

    private static void names(String field, List<String> values, List<Violation> out) {
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v == null || !NAME.matcher(v).matches()) {
                out.add(new Violation(field + "[" + i + "]",
                        "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
            }
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void id(String id, List<Violation> out) {
        if (id == null || !ID.matcher(id).matches()) {
            out.add(new Violation("id", "must be 1 to 64 letters, digits or dashes"));
        }
    }

    private static void name(String name, List<Violation> out) {
        if (name == null || name.isBlank()) {
            out.add(new Violation("name", "is required"));
        } else if (!NAME.matcher(name).matches()) {
            out.add(new Violation("name",
                    "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
    }

    private static void range(String field, int value, int min, int max, List<Violation> out) {
        if (value < min || value > max) {
            out.add(new Violation(field, "must be between " + min + " and " + max));
        }
    }

    private static void prefixed(String prefix, List<Violation> in, List<Violation> out) {
        for (Violation v : in) {
            out.add(new Violation(prefix + "." + v.field(), v.message()));
        }
    }
}
