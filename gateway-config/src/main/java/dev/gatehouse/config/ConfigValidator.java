package dev.gatehouse.config;

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
    /** HTTP methods a route may name. */
    public static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

    static final int MAX_TARGETS = 256;
    static final int MAX_WEIGHT = 1_000;
    static final int MAX_CONNECT_TIMEOUT_MS = 60_000;
    static final int MAX_RESPONSE_TIMEOUT_MS = 600_000;
    static final int MAX_PRIORITY = 100_000;
    static final int MAX_PATHS = 64;
    static final int MAX_HOSTS = 64;
    static final int MAX_PATH_LENGTH = 1_024;

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9\\-._~!$&'()*+,;=:@%/]*");
    private static final Pattern PERCENT = Pattern.compile("%(?![0-9A-Fa-f]{2})");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

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
            if (!isHost(target.host(), false)) {
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
        if (!service.basePath().isEmpty() && !isPath(service.basePath())) {
            out.add(new Violation("basePath", "must be empty or a path starting with / without dot segments"));
        }
        range("connectTimeoutMs", service.connectTimeoutMs(), 1, MAX_CONNECT_TIMEOUT_MS, out);
        range("responseTimeoutMs", service.responseTimeoutMs(), 1, MAX_RESPONSE_TIMEOUT_MS, out);
        return out;
    }

    /** Checks one route on its own (not whether its service exists). */
    public List<Violation> validate(RouteSpec route) {
        List<Violation> out = new ArrayList<>();
        id(route.id(), out);
        name(route.name(), out);
        if (route.serviceId() == null || route.serviceId().isBlank()) {
            out.add(new Violation("service", "is required"));
        }
        if (route.paths().isEmpty()) {
            out.add(new Violation("paths", "must list at least one path"));
        } else if (route.paths().size() > MAX_PATHS) {
            out.add(new Violation("paths", "must list at most " + MAX_PATHS + " paths"));
        }
        for (int i = 0; i < route.paths().size(); i++) {
            if (!isPath(route.paths().get(i))) {
                out.add(new Violation("paths[" + i + "]",
                        "must start with /, use URL path characters only and contain no . or .. segments"));
            }
        }
        if (route.hosts().size() > MAX_HOSTS) {
            out.add(new Violation("hosts", "must list at most " + MAX_HOSTS + " hosts"));
        }
        for (int i = 0; i < route.hosts().size(); i++) {
            if (!isHost(route.hosts().get(i), true)) {
                out.add(new Violation("hosts[" + i + "]", "must be a host name, optionally starting with *."));
            }
        }
        for (int i = 0; i < route.methods().size(); i++) {
            if (!METHODS.contains(route.methods().get(i))) {
                out.add(new Violation("methods[" + i + "]", "must be one of " + String.join(", ", sorted(METHODS))));
            }
        }
        range("priority", route.priority(), -MAX_PRIORITY, MAX_PRIORITY, out);
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
        Set<String> routeNames = new HashSet<>();
        for (RouteSpec route : state.routes().values()) {
            prefixed("routes[" + route.name() + "]", validate(route), out);
            if (!routeNames.add(route.name())) {
                out.add(new Violation("routes[" + route.name() + "].name", "is used by two routes"));
            }
            if (route.serviceId() != null && !state.services().containsKey(route.serviceId())) {
                out.add(new Violation("routes[" + route.name() + "].service", "names a service that does not exist"));
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

    /** True when the value is a URL path starting with {@code /} with no dot segments and valid escapes. */
    public static boolean isPath(String path) {
        if (path == null || path.length() > MAX_PATH_LENGTH || !PATH.matcher(path).matches()
                || PERCENT.matcher(path).find()) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            String decoded = segment.replace("%2e", ".").replace("%2E", ".");
            if (decoded.equals(".") || decoded.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** True when the value is a DNS name, IPv4 or IPv6 address; with {@code wildcard}, {@code *.} may lead. */
    public static boolean isHost(String host, boolean wildcard) {
        if (host == null || host.isEmpty() || host.length() > 253) {
            return false;
        }
        String h = wildcard && host.startsWith("*.") ? host.substring(2) : host;
        if (h.indexOf(':') >= 0) {
            return !wildcard && IPV6.matcher(h).matches();
        }
        for (String label : h.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
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

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
