package dev.gatehouse.admin.user;

/**
 * Why a user who proved who they are at the OpenID Connect provider still gets no console session. Thrown by
 * {@link AdminUserService#singleSignOn}; the sign-in records it as a failed sign-in with this reason.
 */
public final class SingleSignOnRefusal extends RuntimeException {

    /** The reasons, each with the code the sign-in page explains ({@code /login?sso=<code>}). */
    public enum Reason {
        /** None of the user's role-claim values maps to a console role. */
        NO_ROLE("no_role"),
        /** The user's console row is disabled. */
        DISABLED("disabled"),
        /** The user's name is a local user's (or another provider identity's): nothing is linked silently. */
        NAME_TAKEN("name_taken"),
        /** The provider gave no name a console user can have. */
        NO_NAME("no_name");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** The short code shown in the sign-in page's address and kept in the audit trail. */
        public String code() {
            return code;
        }
    }

    private final Reason reason;
    private final String username;

    public SingleSignOnRefusal(Reason reason, String username, String message) {
        super(message);
        this.reason = reason;
        this.username = username;
    }

    /** Why. */
    public Reason reason() {
        return reason;
    }

    /** The console user name the sign-in was for (may name no user yet). */
    public String username() {
        return username;
    }
}
