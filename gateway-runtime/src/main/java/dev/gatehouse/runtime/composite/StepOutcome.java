package dev.gatehouse.runtime.composite;

import tools.jackson.databind.JsonNode;

/**
 * How one step of a composite call ended: its answer, or why it failed.
 *
 * @param index   the step's index in the route's declared order
 * @param answer  the step's JSON answer; null when it failed
 * @param failure why it failed; null when it answered
 */
record StepOutcome(int index, JsonNode answer, Failure failure) {

    /** Why a step failed, as the composite answer and the step's record tell it. */
    enum Kind {
        /** Not sent, or sent and answered badly (status, not JSON, not mergeable), or not reachable: 502. */
        FAILED(502, CompositeProblems.STEP_FAILED),
        /** Out of time (its own timeout, the service's timeouts, the route's deadline): 504. */
        TIMEOUT(504, CompositeProblems.STEP_TIMEOUT),
        /** Its answer was longer than the route allows: 502. */
        TOO_LARGE(502, CompositeProblems.STEP_FAILED),
        /** Not run because a step it depends on failed: 502. */
        SKIPPED(502, CompositeProblems.STEP_FAILED);

        private final int status;
        private final String code;

        Kind(int status, String code) {
            this.status = status;
            this.code = code;
        }

        /** The status the gateway gives the step when the upstream gave none. */
        int status() {
            return status;
        }

        /** The problem code of the composite call when a required step fails so. */
        String code() {
            return code;
        }

        /** The step record's error code. */
        String recordCode() {
            return this == TOO_LARGE ? CompositeProblems.STEP_TOO_LARGE : code;
        }
    }

    /**
     * @param kind        what went wrong
     * @param givenStatus the status to show instead of the kind's (the upstream's non-2xx status, 503 for an open
     *                    breaker), or 0
     * @param reason      what went wrong, for people: names the status, pointer or limit
     */
    record Failure(Kind kind, int givenStatus, String reason) {

        /** The status shown for the step: the upstream's when it answered non-2xx, else the gateway's. */
        int status() {
            return givenStatus > 0 ? givenStatus : kind.status();
        }
    }

    static StepOutcome answered(int index, JsonNode answer) {
        return new StepOutcome(index, answer, null);
    }

    static StepOutcome failed(int index, Kind kind, int givenStatus, String reason) {
        return new StepOutcome(index, null, new Failure(kind, givenStatus, reason));
    }

    boolean isFailure() {
        return failure != null;
    }
}
