package dev.gatehouse.admin.user;

/**
 * What an admin user or API token may do. The request rules for each role are in one place, the security
 * configuration; this type only orders the roles, so that a token is never granted more than its owner.
 */
public enum Role {
    /** Everything, including users, everyone's tokens, sign-in records and forcing a configuration restore. */
    ADMIN,
    /** Read and change gateway configuration; own tokens only; no users, sign-ins or cluster restore. */
    EDITOR,
    /** Read gateway configuration only; own tokens only. */
    VIEWER;

    /** The Spring Security authority for this role. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** Whether this role may do everything {@code other} may (ADMIN includes EDITOR includes VIEWER). */
    public boolean includes(Role other) {
        return ordinal() <= other.ordinal();
    }

    /** The lesser of the two roles. */
    public Role atMost(Role other) {
        return includes(other) ? other : this;
    }
}
