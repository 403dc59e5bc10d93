package dev.gatehouse.runtime.composite;

import java.util.Map;

import dev.gatehouse.runtime.error.GatewayProblem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** The problems a composite call is answered with; those about a step name it in a {@code step} member too. */
final class CompositeProblems {

    /** Code of a required step that failed (and of a step's record when it failed). */
    static final String STEP_FAILED = "composite_step_failed";
    /** Code of a required step that ran out of time (its own timeout, or the route's deadline). */
    static final String STEP_TIMEOUT = "composite_step_timeout";
    /** Code of a step's record whose answer was longer than the route allows. */
    static final String STEP_TOO_LARGE = "composite_step_too_large";
    /** Code of a step's record that was cancelled because the call ended first (a required step failed). */
    static final String STEP_CANCELLED = "composite_step_cancelled";

    private CompositeProblems() {
    }

    /** 400 {@code composite_missing_input}: the request lacks a variable a step's template uses. */
    static GatewayProblem missingInput(String variable, String step) {
        return new GatewayProblem(HttpStatus.BAD_REQUEST, "composite_missing_input", "Missing input",
                "The request lacks " + variable + ", which step '" + step + "' of this route needs.",
                HttpHeaders.EMPTY, Map.of("variable", variable, "step", step));
    }

    /** 400 {@code composite_invalid_input}: a request value a step's template uses cannot go where it puts it. */
    static GatewayProblem invalidInput(String reason, String variable, String step) {
        return new GatewayProblem(HttpStatus.BAD_REQUEST, "composite_invalid_input", "Invalid input",
                "Step '" + step + "' of this route cannot use the request's " + reason + ".",
                HttpHeaders.EMPTY, Map.of("variable", variable, "step", step));
    }

    /** 502 {@code composite_step_failed} or 504 {@code composite_step_timeout} for a required step. */
    static GatewayProblem stepFailed(String step, boolean timeout, String reason) {
        return timeout
                ? new GatewayProblem(HttpStatus.GATEWAY_TIMEOUT, STEP_TIMEOUT, "Composite step timeout",
                "Step '" + step + "' did not answer in time: " + reason + ".", HttpHeaders.EMPTY,
                Map.of("step", step))
                : new GatewayProblem(HttpStatus.BAD_GATEWAY, STEP_FAILED, "Composite step failed",
                "Step '" + step + "' failed: " + reason + ".", HttpHeaders.EMPTY, Map.of("step", step));
    }

    /** 502 {@code composite_response_too_large}: the assembled answer is longer than the route allows. */
    static GatewayProblem responseTooLarge(long size, int max) {
        return new GatewayProblem(HttpStatus.BAD_GATEWAY, "composite_response_too_large", "Composite answer too large",
                "The assembled answer would be " + size + " bytes, more than the " + max + " this route allows.");
    }
}
