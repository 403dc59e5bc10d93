package dev.gatehouse.admin.user;

/** How a console user came to exist, and so how it signs in. */
public enum UserOrigin {
    /** Created by an admin, at bootstrap or as a service account; signs in with a password (or never). */
    LOCAL,
    /** Created at its first single sign-on (OpenID Connect); has no password and signs in only through the provider. */
    OIDC
}
