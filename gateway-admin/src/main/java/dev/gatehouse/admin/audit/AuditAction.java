package dev.gatehouse.admin.audit;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an audit record says happened. The wire name ({@link #wire()}) is what the API, the console filter and the
 * {@code audit_log.action} column use.
 */
public enum AuditAction {
    /** An object was created (an API token too). */
    CREATE("create"),
    /** An object was changed (a user's role, or its role and enabled state together). */
    UPDATE("update"),
    /** An object was deleted. */
    DELETE("delete"),
    /** An API key was issued. */
    ISSUE("issue"),
    /** An API key or an admin API token was revoked. */
    REVOKE("revoke"),
    /** An API key was replaced by a new one; the old one works for a grace period. */
    ROTATE("rotate"),
    /** The cluster identity was forced (nodes accept a configuration they would refuse). */
    FORCE_RESTORE("force-restore"),
    /** A console user signed in. */
    SIGN_IN("sign-in"),
    /** A console sign-in was refused (unknown user, wrong password, disabled user). */
    SIGN_IN_FAILED("sign-in-failed"),
    /** A console sign-in was refused by throttling before any check. */
    SIGN_IN_THROTTLED("sign-in-throttled"),
    /** A console user or service account was enabled (nothing else changed). */
    ENABLE("enable"),
    /** A console user or service account was disabled (nothing else changed): it cannot sign in, its tokens stop. */
    DISABLE("disable"),
    /** A console user's password was set by an admin; the record never holds the password or its hash. */
    PASSWORD_RESET("password-reset");

    private final String wire;

    AuditAction(String wire) {
        this.wire = wire;
    }

    /** The name used in the API, the console and the database. */
    public String wire() {
        return wire;
    }

    /** The action with this wire name, if any. */
    static Optional<AuditAction> fromWire(String text) {
        return Arrays.stream(values()).filter(a -> a.wire.equals(text)).findFirst();
    }
}
