package dev.gatehouse.config.composite;

import dev.gatehouse.config.Violations;

/**
 * One field kept from a step's answer.
 *
 * @param pointer JSON Pointer into the step's answer, such as {@code /price/amount}
 * @param as      member name in the composite answer; absent means the pointer's last token
 */
public record StepField(String pointer, String as) {

    /** Longest member name. */
    public static final int MAX_NAME = 64;

    /** The member name this field is written under. */
    public String name() {
        return as == null ? JsonPointers.lastToken(pointer) : as;
    }

    void validate(Violations violations) {
        String problem = JsonPointers.problem(pointer);
        if (problem != null) {
            violations.add("pointer", problem);
        } else if (pointer.isEmpty()) {
            violations.add("pointer", "must select a member, not the whole answer (leave fields empty for that)");
        }
        if (as != null && (as.isEmpty() || as.length() > MAX_NAME || as.chars().anyMatch(Character::isISOControl))) {
            violations.add("as", "must be 1 to " + MAX_NAME + " characters without control characters");
        } else if (as == null && problem == null && !pointer.isEmpty() && JsonPointers.lastToken(pointer).isEmpty()) {
            violations.add("as", "is required when the pointer ends with an empty token");
        }
    }
}
