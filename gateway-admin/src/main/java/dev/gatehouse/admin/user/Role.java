package dev.gatehouse.admin.user;

/** What an admin user or API token may do. */
public enum Role {
    /** Everything, including users and tokens. */
    ADMIN,
    /** Read and change configuration. */
    EDITOR,
    /** Read only. */
    VIEWER;

    /** The Spring Security authority for this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
