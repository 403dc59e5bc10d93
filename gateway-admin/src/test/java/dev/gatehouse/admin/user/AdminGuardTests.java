package dev.gatehouse.admin.user;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.admin.web.ConflictException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rules that keep someone able to manage users. */
class AdminGuardTests {

    @ParameterizedTest
    @EnumSource(AdminGuard.Change.class)
    void nobodyChangesThemselves(AdminGuard.Change change) {
        assertThatThrownBy(() -> AdminGuard.check("ann", user("ann", Role.ADMIN, true, false), change, 5))
                .isInstanceOfSatisfying(ConflictException.class, e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(AdminGuard.SELF));
    }

    @ParameterizedTest
    @EnumSource(AdminGuard.Change.class)
    void theLastActiveAdminStays(AdminGuard.Change change) {
        assertThatThrownBy(() -> AdminGuard.check("gatehouse:bootstrap", user("ann", Role.ADMIN, true, false),
                change, 1))
                .isInstanceOf(ConflictException.class).hasMessageContaining("last active admin");
    }

    @Test
    void anotherAdminOrANonAdminMayChange() {
        assertThatCode(() -> AdminGuard.check("bob", user("ann", Role.ADMIN, true, false),
                AdminGuard.Change.DELETE, 2)).doesNotThrowAnyException();
        assertThatCode(() -> AdminGuard.check("bob", user("eve", Role.EDITOR, true, false),
                AdminGuard.Change.DISABLE, 1)).doesNotThrowAnyException();
        // disabled admins and admin service accounts are not what keeps users manageable
        assertThatCode(() -> AdminGuard.check("bob", user("old", Role.ADMIN, false, false),
                AdminGuard.Change.DELETE, 1)).doesNotThrowAnyException();
        assertThatCode(() -> AdminGuard.check("bob", user("ci", Role.ADMIN, true, true),
                AdminGuard.Change.DEMOTE, 1)).doesNotThrowAnyException();
    }

    private static AdminUser user(String name, Role role, boolean enabled, boolean serviceAccount) {
        return new AdminUser(UUID.randomUUID(), name, "$2a$10$x", role, enabled, serviceAccount, UserOrigin.LOCAL);
    }
}
