package dev.gatehouse.admin.user;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** Console users' rows. Only {@link AdminUserService} uses it. */
interface AdminUserRepository extends JpaRepository<StoredAdminUser, UUID> {

    Optional<StoredAdminUser> findByUsername(String username);

    /** The single sign-on user with this provider identity ({@code "<issuer> <subject>"}). */
    Optional<StoredAdminUser> findByExternalId(String externalId);

    List<StoredAdminUser> findAllByOrderByUsername();

    /** People, not service accounts: a fresh installation has none even though V16 adds a service account. */
    long countByServiceAccountFalse();

    /**
     * Takes a lock that every change of an admin's role, state or existence holds, so that two admins
     * demoting each other at once cannot leave no admin; released at commit.
     */
    @Query(nativeQuery = true, value = "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(7216016)) AS locked")
    long lockAdmins();

    /** Enabled people with role ADMIN: those who can still manage users. */
    @Query(nativeQuery = true, value = """
            SELECT count(*) FROM admin_users WHERE role = 'ADMIN' AND enabled AND NOT service_account""")
    long countActiveAdmins();

    /**
     * The API tokens a user owns, which deleting the user deletes too (foreign key ON DELETE CASCADE): for the
     * delete's audit record. Never the token's digest.
     */
    @Query(nativeQuery = true, value = """
            SELECT CAST(id AS text) AS id, name, role FROM api_tokens WHERE owner_id = :ownerId
            ORDER BY created_at, id""")
    List<OwnedToken> findOwnedTokens(UUID ownerId);

    /** An API token as {@link #findOwnedTokens} reads it. */
    interface OwnedToken {

        String getId();

        String getName();

        String getRole();
    }

    /**
     * Inserts the user unless the name is taken; 1 when inserted. Native so that several admin instances
     * bootstrapping one empty database at once neither fail nor create the user twice.
     */
    @Modifying
    @Query(nativeQuery = true, value = """
            INSERT INTO admin_users (id, username, password_hash, role, service_account)
            VALUES (:id, :username, :passwordHash, :role, :serviceAccount)
            ON CONFLICT (username) DO NOTHING""")
    int insertIfAbsent(UUID id, String username, String passwordHash, String role, boolean serviceAccount);

    /**
     * Inserts a single sign-on user (no password) unless the name or the identity is taken; 1 when inserted.
     */
    @Modifying
    @Query(nativeQuery = true, value = """
            INSERT INTO admin_users (id, username, password_hash, role, service_account, origin, external_id)
            VALUES (:id, :username, '!', :role, false, 'OIDC', :externalId)
            ON CONFLICT DO NOTHING""")
    int insertSingleSignOnIfAbsent(UUID id, String username, String role, String externalId);
}
