package dev.gatehouse.admin.user;

import dev.gatehouse.admin.web.ConflictException;

/**
 * Keeps someone able to manage users: an admin cannot disable, delete or demote themselves, and nobody can
 * disable, delete or demote the last enabled person with role ADMIN (service accounts do not count: they
 * cannot sign in to repair anything).
 */
final class AdminGuard {

    /** Problem code of a change to one's own account. */
    static final String SELF = "self_change";
    /** Problem code of a change that would leave no active admin. */
    static final String LAST_ADMIN = "last_admin";

    /** What is about to happen to the target. */
    enum Change {
        DISABLE("disable"), DELETE("delete"), DEMOTE("demote");

        private final String verb;

        Change(String verb) {
            this.verb = verb;
        }
    }

    private AdminGuard() {
    }

    /** Throws 409 when the change is refused; {@code activeAdmins} counts enabled non-service admins. */
    static void check(String caller, AdminUser target, Change change, long activeAdmins) {
        if (target.username().equals(caller)) {
            throw new ConflictException(SELF, "you cannot " + change.verb + " yourself");
        }
        boolean activeAdmin = target.role() == Role.ADMIN && target.enabled() && !target.serviceAccount();
        if (activeAdmin && activeAdmins <= 1) {
            throw new ConflictException(LAST_ADMIN, "'" + target.username() + "' is the last active admin");
        }
    }
}
