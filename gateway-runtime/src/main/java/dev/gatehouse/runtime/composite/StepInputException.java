package dev.gatehouse.runtime.composite;

/**
 * A step's template reads an earlier step's answer where it has no string, number or boolean, or one that cannot go
 * where the template puts it: that step fails without being sent. No stack trace: an expected outcome.
 */
final class StepInputException extends RuntimeException {

    StepInputException(String reason) {
        super(reason, null, false, false);
    }
}
