package dev.gatehouse.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Collects {@link Violation}s, naming each field by its path from the root of what is checked, such as
 * {@code config.limits[0].requests}. A record checks its own fields by their own names; the caller decides where
 * it sits ({@link #at(String)}), so the same record reports correctly wherever it is nested.
 */
public final class Violations {

    private final List<Violation> out;
    private final String prefix;

    /** Collects into a new list. */
    public Violations() {
        this(new ArrayList<>(), "");
    }

    /** Collects into {@code out}. */
    public Violations(List<Violation> out) {
        this(out, "");
    }

    private Violations(List<Violation> out, String prefix) {
        this.out = out;
        this.prefix = prefix;
    }

    /** The same collection, for the fields of the object at {@code field} ({@code request} → {@code request.*}). */
    public Violations at(String field) {
        return new Violations(out, prefix + field + ".");
    }

    /** The same collection, for the fields of the list entry {@code field[index]}. */
    public Violations at(String field, int index) {
        return new Violations(out, prefix + field + "[" + index + "].");
    }

    /** Reports a problem with a field. */
    public void add(String field, String message) {
        out.add(new Violation(prefix + field, message));
    }

    /** Reports a problem with the list entry {@code field[index]}. */
    public void add(String field, int index, String message) {
        add(field + "[" + index + "]", message);
    }

    /** Reports a number outside {@code min..max}: {@code must be between min and max}. */
    public void range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            add(field, "must be between " + min + " and " + max);
        }
    }

    /** Reports a list with more than {@code max} entries: {@code must list at most max entries}. */
    public void atMost(String field, Collection<?> values, int max) {
        if (values.size() > max) {
            add(field, "must list at most " + max + " entries");
        }
    }

    /** Reports each entry of the list for which {@code problem} gives a message, as {@code field[index]}. */
    public <T> void each(String field, List<T> values, Function<? super T, String> problem) {
        for (int i = 0; i < values.size(); i++) {
            String message = problem.apply(values.get(i));
            if (message != null) {
                add(field, i, message);
            }
        }
    }

    /** Everything reported so far, by this collector and every one made from it with {@code at}. */
    public List<Violation> list() {
        return out;
    }
}
