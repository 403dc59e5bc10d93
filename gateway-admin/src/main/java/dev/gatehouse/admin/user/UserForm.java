package dev.gatehouse.admin.user;

import dev.gatehouse.config.Violation;

/**
 * The console's user form, a mutable bean for data binding: new user (name, role, password or service
 * account) and edit (role, enabled). The password is never put back into a rendered form.
 */
public class UserForm {

    private String username;
    private String role = Role.VIEWER.name();
    private String password;
    private boolean serviceAccount;
    private boolean enabled = true;

    static UserForm from(UserView user) {
        UserForm form = new UserForm();
        form.username = user.username();
        form.role = user.role().name();
        form.serviceAccount = user.serviceAccount();
        form.enabled = user.enabled();
        return form;
    }

    /** Service violations name the same fields as this form. */
    Violation toFormField(Violation violation) {
        return violation;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public boolean isServiceAccount() {
        return serviceAccount;
    }

    public void setServiceAccount(boolean serviceAccount) {
        this.serviceAccount = serviceAccount;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
