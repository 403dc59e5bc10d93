package dev.gatehouse.admin.user;

import java.util.UUID;

/**
 * A console user or a service account.
 *
 * @param id             row id, owner of the user's API tokens
 * @param username       login name
 * @param passwordHash   BCrypt hash of the password (never leaves the service layer in a response)
 * @param role           what the user, and at most what its tokens, may do
 * @param enabled        a disabled user cannot sign in and its tokens are refused
 * @param serviceAccount a service account only holds API tokens and never signs in to the console
 * @param origin         a local user (password) or one made by single sign-on (no password)
 */
public record AdminUser(UUID id, String username, String passwordHash, Role role, boolean enabled,
                        boolean serviceAccount, UserOrigin origin) {

    /** Whether this user may sign in to the console (enabled and a person, not a service account). */
    public boolean canSignIn() {
        return enabled && !serviceAccount;
    }

    /** Whether a password can sign this user in: a local person, not a service account nor a single sign-on user. */
    public boolean hasPassword() {
        return !serviceAccount && origin == UserOrigin.LOCAL;
    }
}
