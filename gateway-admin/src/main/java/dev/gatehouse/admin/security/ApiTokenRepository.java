package dev.gatehouse.admin.security;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** Admin API tokens' rows. Only {@link ApiTokenService} uses it. */
interface ApiTokenRepository extends JpaRepository<StoredApiToken, UUID> {

    Optional<StoredApiToken> findByTokenHash(String tokenHash);

    List<StoredApiToken> findAllByOrderByCreatedAtDesc();

    List<StoredApiToken> findByOwnerIdOrderByCreatedAtDesc(UUID ownerId);

    /**
     * Stores the token digest unless it is stored already; 1 when inserted. Native so that admin instances
     * starting together with the same {@code GATEHOUSE_ADMIN_TOKEN} neither fail nor store it twice. Such
     * tokens belong to the bootstrap service account ({@code owner}); nothing is stored when it does not exist.
     */
    @Modifying
    @Query(nativeQuery = true, value = """
            INSERT INTO api_tokens (id, name, token_hash, role, owner_id)
            SELECT :id, :name, :tokenHash, :role, u.id FROM admin_users u WHERE u.username = :owner
            ON CONFLICT (token_hash) DO NOTHING""")
    int insertIfAbsent(UUID id, String name, String tokenHash, String role, String owner);
}
