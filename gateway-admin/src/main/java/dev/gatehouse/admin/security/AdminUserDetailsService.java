package dev.gatehouse.admin.security;

import dev.gatehouse.admin.user.AdminUserService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Console login against {@code admin_users}. */
@Component
class AdminUserDetailsService implements UserDetailsService {

    private final AdminUserService users;

    AdminUserDetailsService(AdminUserService users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return users.find(username)
                .map(u -> User.withUsername(u.username()).password(u.passwordHash())
                        .authorities(u.role().authority()).disabled(!u.enabled()).build())
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
