package dev.gatehouse.admin.user;

/** Request bodies of {@code /api/v1/users}. Roles arrive as text so that a wrong one is a field error. */
final class UserRequests {

    private UserRequests() {
    }

    /** {@code POST /api/v1/users}: a service account has no password. */
    record Create(String username, String role, String password, Boolean serviceAccount) {
    }

    /** {@code PATCH /api/v1/users/{username}}: each field optional. */
    record Change(String role, Boolean enabled) {
    }

    /** {@code PUT /api/v1/users/{username}/password}. */
    record Password(String password) {
    }
}
