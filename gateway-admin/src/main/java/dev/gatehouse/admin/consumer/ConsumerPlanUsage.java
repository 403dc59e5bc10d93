package dev.gatehouse.admin.consumer;

import dev.gatehouse.admin.plan.PlanUsage;
import dev.gatehouse.admin.web.Ids;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells the plan feature who is on which plan. A bean of its own rather than part of {@link ConsumerService},
 * which needs the plan feature's service: the plan feature asks this one back.
 */
@Component
class ConsumerPlanUsage implements PlanUsage {

    private final ConsumerRepository repository;

    ConsumerPlanUsage(ConsumerRepository repository) {
        this.repository = repository;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<String, Long> consumersByPlan() {
        Map<String, Long> counts = new HashMap<>();
        repository.countByPlan().forEach(c -> counts.put(c.getPlanId().toString(), c.getConsumers()));
        return counts;
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> consumersOn(String planId, int limit) {
        return Ids.parseUuid(planId).map(id -> repository.findNamesByPlanId(id, Limit.of(limit)))
                .orElse(List.of());
    }
}
