package dev.gatehouse.admin.user;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** Console users' rows. Only {@link AdminUserService} uses it. */
interface AdminUserRepository extends JpaRepository<StoredAdminUser, UUID> {

    Optional<StoredAdminUser> findByUsername(String username);

    /**
     * Inserts the user unless the name is taken; 1 when inserted. Native so that several admin instances
     * bootstrapping one empty database at once neither fail nor create the user twice.
     */
    @Modifying
    @Query(nativeQuery = true, value = """
            INSERT INTO admin_users (id, username, password_hash, role) VALUES (:id, :username, :passwordHash, :role)
            ON CONFLICT (username) DO NOTHING""")
    int insertIfAbsent(UUID id, String username, String passwordHash, String role);
}
