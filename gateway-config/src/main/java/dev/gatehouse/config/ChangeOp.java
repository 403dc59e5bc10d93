package dev.gatehouse.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a change does to one configuration object. */
public enum ChangeOp {
    /** Create the object or replace it whole. */
    @JsonProperty("upsert") UPSERT,
    /** Remove the object. */
    @JsonProperty("delete") DELETE
}
