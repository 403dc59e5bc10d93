package dev.gatehouse.admin.apikey;

import dev.gatehouse.config.Violation;

/**
 * The console's form for rotating a key: how many hours the old key keeps working beside the new one. People
 * think of grace periods in hours; the API takes seconds.
 */
public class RotateKeyForm {

    /** One day, as the API's default. */
    static final int DEFAULT_HOURS = RotateKeyRequest.DEFAULT_GRACE_SECONDS / 3_600;
    /** The API's longest grace period, 30 days. */
    static final int MAX_HOURS = RotateKeyRequest.MAX_GRACE_SECONDS / 3_600;

    private Integer gracePeriodHours = DEFAULT_HOURS;

    /** Whether the hours are out of range; checked here so the message can speak in hours. */
    boolean isOutOfRange() {
        return gracePeriodHours != null && (gracePeriodHours < 0 || gracePeriodHours > MAX_HOURS);
    }

    /** The request for the key API; blank hours mean the API's default. */
    RotateKeyRequest toRequest() {
        return new RotateKeyRequest(gracePeriodHours == null ? null : gracePeriodHours * 3_600);
    }

    /** The form field that shows a violation of the key API. */
    Violation toFormField(Violation violation) {
        return "gracePeriodSeconds".equals(violation.field())
                ? new Violation("gracePeriodHours", violation.message())
                : new Violation(null, violation.message());
    }

    public Integer getGracePeriodHours() {
        return gracePeriodHours;
    }

    public void setGracePeriodHours(Integer gracePeriodHours) {
        this.gracePeriodHours = gracePeriodHours;
    }
}
