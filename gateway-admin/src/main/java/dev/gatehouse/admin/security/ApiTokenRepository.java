package dev.gatehouse.admin.security;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** Admin API tokens' rows. Only {@link ApiTokenService} uses it. */
interface ApiTokenRepository extends JpaRepository<StoredApiToken, UUID> {

    Optional<StoredApiToken> findByTokenHash(String tokenHash);

    /**
     * Stores the token digest unless it is stored already; 1 when inserted. Native so that admin instances
     * starting together with the same {@code GATEHOUSE_ADMIN_TOKEN} neither fail nor store it twice.
     */
    @Modifying
    @Query(nativeQuery = true, value = """
            INSERT INTO api_tokens (id, name, token_hash, role) VALUES (:id, :name, :tokenHash, :role)
            ON CONFLICT (token_hash) DO NOTHING""")
    int insertIfAbsent(UUID id, String name, String tokenHash, String role);
}
