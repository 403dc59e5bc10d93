package dev.gatehouse.admin.consumer;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Stored consumers. Only this package uses it; other features go through {@link ConsumerService}. */
interface ConsumerRepository extends JpaRepository<StoredConsumer, UUID> {

    List<StoredConsumer> findAllByOrderByNameAsc();

    Optional<StoredConsumer> findByName(String name);

    boolean existsByNameAndIdNot(String name, UUID id);

    /**
     * Consumers matching every given filter (a null filter matches all), by name. Native for the group filter,
     * an {@code = ANY(groups)} on the array column that JPQL cannot express.
     *
     * @param pattern a {@code LIKE} pattern (wildcards in the search text escaped with {@code \}) or null
     */
    @Query(nativeQuery = true, value = """
            SELECT * FROM consumers c
            WHERE (CAST(:pattern AS text) IS NULL OR c.name ILIKE CAST(:pattern AS text)
                   OR c.description ILIKE CAST(:pattern AS text))
              AND (CAST(:status AS text) IS NULL OR c.status = CAST(:status AS text))
              AND (CAST(:grp AS text) IS NULL OR CAST(:grp AS text) = ANY (c.groups))
            ORDER BY c.name""")
    List<StoredConsumer> search(String pattern, String status, String grp);

    /** Consumer count per plan id. */
    @Query("select c.planId as planId, count(c) as consumers from StoredConsumer c"
            + " where c.planId is not null group by c.planId")
    List<PlanCount> countByPlan();

    /** Names of the consumers on a plan, by name. */
    @Query("select c.name from StoredConsumer c where c.planId = :planId order by c.name")
    List<String> findNamesByPlanId(UUID planId, org.springframework.data.domain.Limit limit);

    /** Projection of {@link #countByPlan()}. */
    interface PlanCount {

        UUID getPlanId();

        long getConsumers();
    }
}
