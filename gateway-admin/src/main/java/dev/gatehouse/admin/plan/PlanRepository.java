package dev.gatehouse.admin.plan;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** Stored plans. Only {@link PlanService} uses it. */
interface PlanRepository extends JpaRepository<StoredPlan, UUID> {

    List<StoredPlan> findAllByOrderByNameAsc();

    Optional<StoredPlan> findByName(String name);

    boolean existsByNameAndIdNot(String name, UUID id);
}
