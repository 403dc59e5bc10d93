package dev.gatehouse.config.policy;

import dev.gatehouse.config.Violations;

import java.util.regex.Pattern;

/**
 * Strings in a policy are data. Anything that looks like an expression ({@code ${...}}, {@code #{...}},
 * {@code T(...)}) is refused rather than passed on, so nobody can believe it is evaluated.
 */
final class LiteralText {

    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{|T\\(");

    private LiteralText() {
    }

    /** True when the text contains something that looks like an expression. */
    static boolean looksLikeExpression(String value) {
        return EXPRESSION.matcher(value).find();
    }

    /** Reports the field when its text looks like an expression. */
    static void check(Violations violations, String field, String value) {
        if (looksLikeExpression(value)) {
            violations.add(field, "must be literal text: expressions such as ${...} or #{...} are not "
                    + "evaluated and not accepted");
        }
    }
}
