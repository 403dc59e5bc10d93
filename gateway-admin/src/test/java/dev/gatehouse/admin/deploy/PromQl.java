package dev.gatehouse.admin.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression (or a Grafana {@code label_values(...)} query) reads, found by a small
 * tokenizer rather than a parser: strings, label matchers, ranges, grouping clauses and Grafana variables are
 * removed, and every identifier left that is neither a function call, a keyword nor a number is a metric name.
 * Names are kept exactly as written ({@code foo_bucket}, {@code foo_count}, {@code foo_total}), which is how they
 * appear in a scrape, so comparing them with the scraped sample names needs no suffix rules.
 */
final class PromQl {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^{}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^\\[\\]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^()]*\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan", "atan2", "e", "s", "m", "h", "d", "w", "y",
            "ms");

    private PromQl() {
    }

    /** The metric names {@code expression} reads. */
    static Set<String> metricNames(String expression) {
        String expr = expression;
        Matcher labelValues = LABEL_VALUES.matcher(expr);
        if (labelValues.matches()) {
            // label_values(metric_or_selector, label) or label_values(label): only a selector names a metric
            String args = labelValues.group(1);
            int comma = lastTopLevelComma(args);
            expr = comma < 0 ? "" : args.substring(0, comma);
        }
        expr = STRING.matcher(expr).replaceAll(" ");
        expr = VARIABLE.matcher(expr).replaceAll(" ");
        String previous;
        do {
            previous = expr;
            expr = MATCHERS.matcher(expr).replaceAll(" ");
            expr = RANGE.matcher(expr).replaceAll(" ");
        } while (!expr.equals(previous));
        expr = GROUPING.matcher(expr).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(expr);
        while (m.find()) {
            String name = m.group();
            if (m.start() > 0 && Character.isDigit(expr.charAt(m.start() - 1))) {
                continue; // the unit or exponent of a number: 5m, 1e3
            }
            if (KEYWORDS.contains(name.toLowerCase()) || followedByParenthesis(expr, m.end())) {
                continue;
            }
            names.add(name);
        }
        return names;
    }

    private static boolean followedByParenthesis(String expr, int from) {
        for (int i = from; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '(';
            }
        }
        return false;
    }

    private static int lastTopLevelComma(String args) {
        int depth = 0;
        int last = -1;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                last = i;
            }
        }
        return last;
    }
}
