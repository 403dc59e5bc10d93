package dev.gatehouse.runtime.composite;

import tools.jackson.databind.JsonNode;

/**
 * What one attempt of a step got back: the upstream's status and, for a 2xx JSON answer within the limit, the parsed
 * answer; otherwise why the answer cannot be used. An unusable 2xx answer is still a success to the circuit
 * breaker (the upstream answered), like any 2xx on a forwarded route.
 *
 * @param status  the upstream's status
 * @param body    the parsed answer, or null
 * @param problem why a 2xx answer cannot be used (not JSON, too long), or null
 * @param kind    the kind of that problem, or null
 */
record StepAnswer(int status, JsonNode body, String problem, StepOutcome.Kind kind) {

    static StepAnswer ofStatus(int status) {
        return new StepAnswer(status, null, null, null);
    }

    static StepAnswer json(int status, JsonNode body) {
        return new StepAnswer(status, body, null, null);
    }

    static StepAnswer unusable(int status, StepOutcome.Kind kind, String problem) {
        return new StepAnswer(status, null, problem, kind);
    }

    boolean isSuccessStatus() {
        return status >= 200 && status < 300;
    }
}
