package dev.gatehouse.admin.security;

import dev.gatehouse.config.Violation;

/** The console's new-token form, a mutable bean for data binding; {@code owner} matters for admins only. */
public class TokenForm {

    private String name;
    private String role = "VIEWER";
    private String owner;
    private String expiresAt;

    /** Service violations name the same fields as this form. */
    Violation toFormField(Violation violation) {
        return violation;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public String getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(String expiresAt) {
        this.expiresAt = expiresAt;
    }
}
