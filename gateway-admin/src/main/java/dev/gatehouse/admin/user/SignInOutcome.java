package dev.gatehouse.admin.user;

/** How a console sign-in attempt ended, as kept in {@code sign_in_event}. */
public enum SignInOutcome {
    /** The password was right and the user enabled: signed in. */
    SUCCESS,
    /** The password was checked and refused (wrong password, unknown user or disabled user: one answer for all). */
    FAILURE,
    /** Refused without checking the password because the account or the client address was throttled. */
    THROTTLED
}
