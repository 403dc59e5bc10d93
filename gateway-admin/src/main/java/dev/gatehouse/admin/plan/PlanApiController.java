package dev.gatehouse.admin.plan;

import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** REST API for plans: {@code /api/v1/plans}, addressed by id or name. */
@RestController
@RequestMapping("/api/v1/plans")
class PlanApiController {

    private final PlanService plans;

    PlanApiController(PlanService plans) {
        this.plans = plans;
    }

    @GetMapping
    List<PlanView> list() {
        return plans.list();
    }

    @GetMapping("/{plan}")
    PlanView get(@PathVariable String plan) {
        return plans.get(plan);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PlanView> create(@RequestBody PlanRequest request) {
        PlanView created = plans.create(request);
        return ResponseEntity.created(URI.create("/api/v1/plans/" + created.id())).body(created);
    }

    @PutMapping(path = "/{plan}", consumes = MediaType.APPLICATION_JSON_VALUE)
    PlanView update(@PathVariable String plan, @RequestBody PlanRequest request) {
        return plans.update(plan, request);
    }

    @DeleteMapping("/{plan}")
    ResponseEntity<Void> delete(@PathVariable String plan) {
        plans.delete(plan);
        return ResponseEntity.noContent().build();
    }
}
