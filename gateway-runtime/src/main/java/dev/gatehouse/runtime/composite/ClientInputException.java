package dev.gatehouse.runtime.composite;

/**
 * A client variable a composite call's template needs is missing from the request, or its value cannot go where the
 * template puts it; the call is answered 400 before any step is sent. No stack trace: an expected outcome.
 */
final class ClientInputException extends RuntimeException {

    private final String variable;
    private final boolean missing;

    ClientInputException(String variable, boolean missing, String problem) {
        super(variable + " " + problem, null, false, false);
        this.variable = variable;
        this.missing = missing;
    }

    /** The variable, as a template writes it. */
    String variable() {
        return variable;
    }

    /** True when the request lacks it, false when its value is unusable. */
    boolean missing() {
        return missing;
    }
}
