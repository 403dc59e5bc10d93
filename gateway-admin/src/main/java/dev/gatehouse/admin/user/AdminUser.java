package dev.gatehouse.admin.user;

/**
 * A console user.
 *
 * @param username     login name
 * @param passwordHash BCrypt hash of the password
 * @param role         what the user may do
 * @param enabled      a disabled user cannot log in
 */
public record AdminUser(String username, String passwordHash, Role role, boolean enabled) {
}
