package dev.gatehouse.admin.plan;

import dev.gatehouse.admin.web.IfMatch;
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
import org.springframework.web.bind.annotation.RequestHeader;
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
    ResponseEntity<PlanView> get(@PathVariable String plan) {
        return tagged(plans.get(plan));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PlanView> create(@RequestBody PlanRequest request) {
        PlanView created = plans.create(request);
        return ResponseEntity.created(URI.create("/api/v1/plans/" + created.id()))
                .eTag(IfMatch.etag(created.id(), created.version())).body(created);
    }

    @PutMapping(path = "/{plan}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PlanView> update(@PathVariable String plan,
                                    @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                    @RequestBody PlanRequest request) {
        return tagged(plans.update(plan, request, IfMatch.parse(ifMatch)));
    }

    @DeleteMapping("/{plan}")
    ResponseEntity<Void> delete(@PathVariable String plan,
                                @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        plans.delete(plan, IfMatch.parse(ifMatch));
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<PlanView> tagged(PlanView plan) {
        return ResponseEntity.ok().eTag(IfMatch.etag(plan.id(), plan.version())).body(plan);
    }
}
