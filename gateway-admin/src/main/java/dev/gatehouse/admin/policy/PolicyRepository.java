package dev.gatehouse.admin.policy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Stored policies. Only the policy feature uses it. */
interface PolicyRepository extends JpaRepository<StoredPolicy, UUID> {

    List<StoredPolicy> findAllByOrderByNameAsc();

    Optional<StoredPolicy> findByName(String name);

    boolean existsByNameAndIdNot(String name, UUID id);

    // Candidates for a conflict with a new or changed policy: the enabled ones of its type on its target's column.
    List<StoredPolicy> findByEnabledTrueAndTypeAndScope(String type, String scope);

    List<StoredPolicy> findByEnabledTrueAndTypeAndServiceId(String type, UUID serviceId);

    List<StoredPolicy> findByEnabledTrueAndTypeAndRouteId(String type, UUID routeId);

    List<StoredPolicy> findByEnabledTrueAndTypeAndConsumerId(String type, UUID consumerId);

    List<StoredPolicy> findByEnabledTrueAndTypeAndPlanId(String type, UUID planId);

    @Query("SELECT p.name FROM StoredPolicy p WHERE p.serviceId = :id OR p.routeId = :id OR p.consumerId = :id"
            + " OR p.planId = :id ORDER BY p.name")
    List<String> findNamesAttachedTo(UUID id);
}
