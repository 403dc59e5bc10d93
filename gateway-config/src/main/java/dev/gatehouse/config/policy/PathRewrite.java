package dev.gatehouse.config.policy;

import dev.gatehouse.config.Violations;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the forwarded path by template: {@code /v1/orders/{id}} to {@code /orders/{id}}. Each {@code {name}}
 * matches one path segment; every variable of {@code to} must appear in {@code from}. Paths that do not match
 * {@code from} are forwarded unchanged.
 *
 * @param from template the incoming path is matched against
 * @param to   template of the forwarded path
 */
public record PathRewrite(String from, String to) {

    private static final Pattern SEGMENT = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]{0,31})}|[A-Za-z0-9\\-._~!$&'()*+,;=:@%]*");

    /** Checks both templates, and that {@code to} uses only variables {@code from} defines. */
    public void validate(Violations violations) {
        Set<String> fromNames = template("from", from, violations);
        Set<String> toNames = template("to", to, violations);
        if (fromNames != null && toNames != null && !fromNames.containsAll(toNames)) {
            Set<String> missing = new LinkedHashSet<>(toNames);
            missing.removeAll(fromNames);
            violations.add("to", "uses " + missing + " which 'from' does not define");
        }
    }

    /** The variable names of a path template, or {@code null} (with a violation) when it is not one. */
    private static Set<String> template(String field, String template, Violations violations) {
        if (template == null || !template.startsWith("/") || template.length() > 1_024) {
            violations.add(field, "must be a path template starting with /, such as /v1/orders/{id}");
            return null;
        }
        if (LiteralText.looksLikeExpression(template)) {
            LiteralText.check(violations, field, template);
            return null;
        }
        Set<String> names = new HashSet<>();
        for (String segment : template.substring(1).split("/", -1)) {
            Matcher m = SEGMENT.matcher(segment);
            if (!m.matches() || segment.equals(".") || segment.equals("..")) {
                violations.add(field, "segment '" + segment
                        + "' must be literal path characters or one {name} variable");
                return null;
            }
            if (m.group(1) != null && !names.add(m.group(1))) {
                violations.add(field, "uses {" + m.group(1) + "} twice");
                return null;
            }
        }
        return names;
    }
}
