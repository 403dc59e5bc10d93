package dev.gatehouse.config.composite;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a step's (selected) answer goes in the composite answer. */
public enum Placement {
    /** Under a member named after the step. */
    @JsonProperty("nest") NEST,
    /** Its members merged into the top level of the answer (the answer must be a JSON object). */
    @JsonProperty("merge") MERGE
}
