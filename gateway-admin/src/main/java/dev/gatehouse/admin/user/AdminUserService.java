package dev.gatehouse.admin.user;

import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Console users: lookup for login and creation at bootstrap. */
@Service
public class AdminUserService {

    private final AdminUserRepository repository;
    private final PasswordEncoder passwords;

    AdminUserService(AdminUserRepository repository, PasswordEncoder passwords) {
        this.repository = repository;
        this.passwords = passwords;
    }

    /** The user with this name, if any. */
    @Transactional(readOnly = true)
    public Optional<AdminUser> find(String username) {
        return repository.findByUsername(username).map(StoredAdminUser::toAdminUser);
    }

    /** Whether any user exists. */
    @Transactional(readOnly = true)
    public boolean any() {
        return repository.count() > 0;
    }

    /** Creates a user unless one with this name exists; true when this call created it. */
    @Transactional
    public boolean createIfAbsent(String username, String rawPassword, Role role) {
        return repository.insertIfAbsent(UUID.randomUUID(), username, passwords.encode(rawPassword),
                role.name()) == 1;
    }
}
