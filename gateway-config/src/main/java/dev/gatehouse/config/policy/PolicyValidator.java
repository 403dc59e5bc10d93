package dev.gatehouse.config.policy;

import dev.gatehouse.config.PolicySpec;
import dev.gatehouse.config.Violation;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules for policies and plan limits, field by field. Field paths are those of the JSON form
 * ({@code config.limits[0].requests}). Strings are data: anything that looks like an expression
 * ({@code ${...}}, {@code #{...}}) is refused rather than passed on, so nobody can believe it is evaluated.
 */
public final class PolicyValidator {

    public static final long MAX_REQUESTS = 1_000_000_000L;
    public static final long MAX_QUOTA_CALLS = 1_000_000_000_000L;
    public static final long MAX_BODY_BYTES = 10L * 1024 * 1024 * 1024;
    public static final int MAX_LIST = 1_000;
    public static final int MAX_HEADER_VALUE = 4_096;
    public static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

    private static final Pattern HEADER = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");
    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{|T\\(");
    private static final Pattern ORIGIN = Pattern.compile(
            "https?://(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(:\\d{1,5})?");
    private static final Pattern TEMPLATE_SEGMENT = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]{0,31})}|[A-Za-z0-9\\-._~!$&'()*+,;=:@%]*");
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "upgrade",
            "te", "trailer", "proxy-connection", "host", "content-length");

    /** Checks a policy on its own: scope ids, type allowed at its scope, and its configuration. */
    public List<Violation> validate(PolicySpec policy) {
        List<Violation> out = new ArrayList<>();
        PolicyScope scope = policy.scope();
        if (scope == null) {
            out.add(new Violation("scope", "is required: one of global, service, route, consumer, plan, route-consumer"));
        } else {
            scopeIds(policy, scope, out);
        }
        PolicyConfig config = policy.config();
        if (config == null) {
            out.add(new Violation("config", "is required"));
            return out;
        }
        if (scope != null && !config.type().scopes().contains(scope)) {
            out.add(new Violation("scope", "a " + config.type().value() + " policy can be attached to "
                    + String.join(", ", config.type().scopes().stream().map(PolicyScope::value).sorted().toList())
                    + " only"));
        }
        String f = "config.";
        if (config instanceof RateLimitPolicy p) {
            rateLimit(p, f, out);
        } else if (config instanceof IpRestrictionPolicy p) {
            ipRestriction(p, f, out);
        } else if (config instanceof CorsPolicy p) {
            cors(p, f, out);
        } else if (config instanceof RequestSizePolicy p) {
            range(f + "maxBytes", p.maxBytes(), 1, MAX_BODY_BYTES, out);
        } else if (config instanceof TransformPolicy p) {
            transform(p, f, out);
        } else if (config instanceof TimeoutPolicy p) {
            range(f + "connectTimeoutMs", p.connectTimeoutMs(), 1, 60_000, out);
            range(f + "responseTimeoutMs", p.responseTimeoutMs(), 1, 600_000, out);
        } else if (config instanceof RetryPolicy p) {
            retry(p, f, out);
        } else if (config instanceof CircuitBreakerPolicy p) {
            circuitBreaker(p, f, out);
        }
        return out;
    }

    /** Checks a plan's rate limits (field {@code rateLimits}) and quotas (field {@code quotas}). */
    public List<Violation> validatePlanLimits(List<RateLimit> rateLimits, List<Quota> quotas) {
        List<Violation> out = new ArrayList<>();
        limits("rateLimits", rateLimits, false, out);
        Set<QuotaPeriod> periods = EnumSet.noneOf(QuotaPeriod.class);
        for (int i = 0; i < quotas.size(); i++) {
            Quota q = quotas.get(i);
            String f = "quotas[" + i + "]";
            if (q == null) {
                out.add(new Violation(f, "must not be null"));
                continue;
            }
            range(f + ".calls", q.calls(), 1, MAX_QUOTA_CALLS, out);
            if (q.period() == null) {
                out.add(new Violation(f + ".period", "is required: day or month"));
            } else if (!periods.add(q.period())) {
                out.add(new Violation(f + ".period", "only one quota per period"));
            }
        }
        return out;
    }

    private static void scopeIds(PolicySpec p, PolicyScope scope, List<Violation> out) {
        required("serviceId", p.serviceId(), scope == PolicyScope.SERVICE, out);
        required("routeId", p.routeId(), scope == PolicyScope.ROUTE || scope == PolicyScope.ROUTE_CONSUMER, out);
        required("consumerId", p.consumerId(),
                scope == PolicyScope.CONSUMER || scope == PolicyScope.ROUTE_CONSUMER, out);
        required("planId", p.planId(), scope == PolicyScope.PLAN, out);
    }

    private static void required(String field, String value, boolean needed, List<Violation> out) {
        boolean present = value != null && !value.isBlank();
        if (needed && !present) {
            out.add(new Violation(field, "is required for this scope"));
        } else if (!needed && value != null) {
            out.add(new Violation(field, "must not be set for this scope"));
        }
    }

    private static void rateLimit(RateLimitPolicy p, String f, List<Violation> out) {
        limits(f + "limits", p.limits(), true, out);
        if (p.by() == RateLimitKey.HEADER) {
            if (p.header() == null || !HEADER.matcher(p.header()).matches()) {
                out.add(new Violation(f + "header", "must be a valid HTTP header name when counting by header"));
            }
        } else if (p.header() != null) {
            out.add(new Violation(f + "header", "is only used when counting by header"));
        }
    }

    private static void limits(String field, List<RateLimit> limits, boolean required, List<Violation> out) {
        if (required && limits.isEmpty()) {
            out.add(new Violation(field, "must list at least one limit"));
        }
        Set<RateWindow> windows = EnumSet.noneOf(RateWindow.class);
        for (int i = 0; i < limits.size(); i++) {
            RateLimit limit = limits.get(i);
            String f = field + "[" + i + "]";
            if (limit == null) {
                out.add(new Violation(f, "must not be null"));
                continue;
            }
            range(f + ".requests", limit.requests(), 1, MAX_REQUESTS, out);
            if (limit.window() == null) {
                out.add(new Violation(f + ".window", "is required: second, minute or hour"));
            } else if (!windows.add(limit.window())) {
                out.add(new Violation(f + ".window", "only one limit per window"));
            }
        }
    }

    private static void ipRestriction(IpRestrictionPolicy p, String f, List<Violation> out) {
        if (p.allow().isEmpty() && p.deny().isEmpty()) {
            out.add(new Violation(f + "allow", "list at least one CIDR block to allow or deny"));
        }
        cidrs(f + "allow", p.allow(), out);
        cidrs(f + "deny", p.deny(), out);
    }

    private static void cidrs(String field, List<String> values, List<Violation> out) {
        size(field, values, out);
        for (int i = 0; i < values.size(); i++) {
            try {
                Cidr.parse(values.get(i));
            } catch (IllegalArgumentException e) {
                out.add(new Violation(field + "[" + i + "]", e.getMessage()));
            }
        }
    }

    private static void cors(CorsPolicy p, String f, List<Violation> out) {
        if (p.allowOrigins().isEmpty()) {
            out.add(new Violation(f + "allowOrigins", "must list at least one origin"));
        }
        size(f + "allowOrigins", p.allowOrigins(), out);
        for (int i = 0; i < p.allowOrigins().size(); i++) {
            String origin = p.allowOrigins().get(i);
            if ("*".equals(origin)) {
                if (p.allowCredentials()) {
                    out.add(new Violation(f + "allowOrigins[" + i + "]",
                            "'*' cannot be combined with allowCredentials; list the origins"));
                }
            } else if (origin == null || !ORIGIN.matcher(origin).matches()) {
                out.add(new Violation(f + "allowOrigins[" + i + "]",
                        "must be '*' or scheme://host[:port], optionally with one leading '*.' label"));
            }
        }
        methods(f + "allowMethods", p.allowMethods(), out);
        for (int i = 0; i < p.allowHeaders().size(); i++) {
            String h = p.allowHeaders().get(i);
            if (!"*".equals(h) && (h == null || !HEADER.matcher(h).matches())) {
                out.add(new Violation(f + "allowHeaders[" + i + "]", "must be a header name or '*'"));
            }
        }
        headerNames(f + "exposeHeaders", p.exposeHeaders(), out);
        range(f + "maxAgeSeconds", p.maxAgeSeconds(), 0, 86_400, out);
    }

    private static void transform(TransformPolicy p, String f, List<Violation> out) {
        if (p.request().isEmpty() && p.response().isEmpty() && p.pathRewrite() == null) {
            out.add(new Violation(f + "request", "change at least one header or rewrite the path"));
        }
        headerTransform(f + "request.", p.request(), out);
        headerTransform(f + "response.", p.response(), out);
        if (p.pathRewrite() != null) {
            pathRewrite(f + "pathRewrite.", p.pathRewrite(), out);
        }
    }

    private static void headerTransform(String f, HeaderTransform t, List<Violation> out) {
        headerValues(f + "add", t.add(), out);
        headerValues(f + "set", t.set(), out);
        headerNames(f + "remove", t.remove(), out);
        for (Map.Entry<String, String> e : t.rename().entrySet()) {
            headerName(f + "rename." + e.getKey(), e.getKey(), out);
            if (e.getValue() == null || !HEADER.matcher(e.getValue()).matches()) {
                out.add(new Violation(f + "rename." + e.getKey(), "must rename to a valid HTTP header name"));
            } else if (HOP_BY_HOP.contains(e.getValue().toLowerCase(java.util.Locale.ROOT))) {
                out.add(new Violation(f + "rename." + e.getKey(), "cannot rename to " + e.getValue()));
            }
        }
    }

    private static void headerValues(String f, Map<String, String> headers, List<Violation> out) {
        if (headers.size() > MAX_LIST) {
            out.add(new Violation(f, "must hold at most " + MAX_LIST + " headers"));
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            String field = f + "." + e.getKey();
            headerName(field, e.getKey(), out);
            String v = e.getValue();
            if (v == null || v.length() > MAX_HEADER_VALUE || !printable(v)) {
                out.add(new Violation(field, "must be printable text of at most " + MAX_HEADER_VALUE + " characters"));
            } else {
                literal(field, v, out);
            }
        }
    }

    private static void headerNames(String f, List<String> names, List<Violation> out) {
        size(f, names, out);
        for (int i = 0; i < names.size(); i++) {
            headerName(f + "[" + i + "]", names.get(i), out);
        }
    }

    private static void headerName(String field, String name, List<Violation> out) {
        if (name == null || !HEADER.matcher(name).matches()) {
            out.add(new Violation(field, "must be a valid HTTP header name"));
        } else if (HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            out.add(new Violation(field, name + " is managed by the gateway and cannot be changed"));
        }
    }

    private static void pathRewrite(String f, PathRewrite rewrite, List<Violation> out) {
        Set<String> from = template(f + "from", rewrite.from(), out);
        Set<String> to = template(f + "to", rewrite.to(), out);
        if (from != null && to != null && !from.containsAll(to)) {
            Set<String> missing = new LinkedHashSet<>(to);
            missing.removeAll(from);
            out.add(new Violation(f + "to", "uses " + missing + " which 'from' does not define"));
        }
    }

    /** The variable names of a path template, or {@code null} (with a violation) when it is not one. */
    public static Set<String> template(String field, String template, List<Violation> out) {
        if (template == null || !template.startsWith("/") || template.length() > 1_024) {
            out.add(new Violation(field, "must be a path template starting with /, such as /v1/orders/{id}"));
            return null;
        }
        if (EXPRESSION.matcher(template).find()) {
            literal(field, template, out);
            return null;
        }
        Set<String> names = new HashSet<>();
        for (String segment : template.substring(1).split("/", -1)) {
            Matcher m = TEMPLATE_SEGMENT.matcher(segment);
            if (!m.matches() || segment.equals(".") || segment.equals("..")) {
                out.add(new Violation(field, "segment '" + segment
                        + "' must be literal path characters or one {name} variable"));
                return null;
            }
            if (m.group(1) != null && !names.add(m.group(1))) {
                out.add(new Violation(field, "uses {" + m.group(1) + "} twice"));
                return null;
            }
        }
        return names;
    }

    private static void retry(RetryPolicy p, String f, List<Violation> out) {
        range(f + "maxAttempts", p.maxAttempts(), 2, 5, out);
        methods(f + "methods", p.methods(), out);
        for (int i = 0; i < p.statuses().size(); i++) {
            Integer s = p.statuses().get(i);
            if (s == null || s < 500 || s > 599) {
                out.add(new Violation(f + "statuses[" + i + "]", "must be between 500 and 599"));
            }
        }
        range(f + "backoffMs", p.backoffMs(), 0, 10_000, out);
    }

    private static void circuitBreaker(CircuitBreakerPolicy p, String f, List<Violation> out) {
        range(f + "failureRateThreshold", p.failureRateThreshold(), 1, 100, out);
        range(f + "slidingWindowSize", p.slidingWindowSize(), 2, 10_000, out);
        range(f + "minimumCalls", p.minimumCalls(), 1, Math.max(1, p.slidingWindowSize()), out);
        range(f + "openStateMs", p.openStateMs(), 100, 3_600_000, out);
        range(f + "halfOpenCalls", p.halfOpenCalls(), 1, 1_000, out);
    }

    private static void methods(String field, List<String> methods, List<Violation> out) {
        for (int i = 0; i < methods.size(); i++) {
            if (!METHODS.contains(methods.get(i))) {
                out.add(new Violation(field + "[" + i + "]",
                        "must be one of " + String.join(", ", METHODS.stream().sorted().toList())));
            }
        }
    }

    private static void size(String field, List<?> values, List<Violation> out) {
        if (values.size() > MAX_LIST) {
            out.add(new Violation(field, "must list at most " + MAX_LIST + " entries"));
        }
    }

    private static void literal(String field, String value, List<Violation> out) {
        if (EXPRESSION.matcher(value).find()) {
            out.add(new Violation(field, "must be literal text: expressions such as ${...} or #{...} are not "
                    + "evaluated and not accepted"));
        }
    }

    private static boolean printable(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static void range(String field, long value, long min, long max, List<Violation> out) {
        if (value < min || value > max) {
            out.add(new Violation(field, "must be between " + min + " and " + max));
        }
    }
}
