package dev.gatehouse.admin.plan;

import java.util.List;
import java.util.Map;

/**
 * Who is on which plan. Implemented by the consumer feature, which depends on this one: the plan feature asks
 * through this interface for its counts and before a delete, and so never reads the consumers' table.
 */
public interface PlanUsage {

    /** Number of consumers on each plan, by plan id; unused plans may be absent. */
    Map<String, Long> consumersByPlan();

    /**
     * Names of the consumers on the plan, at most {@code limit}, by name; empty when none. Called inside the
     * deleting transaction, after the configuration lock is taken.
     */
    List<String> consumersOn(String planId, int limit);
}
