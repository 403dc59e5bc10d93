package dev.gatehouse.admin.policy;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API for policies ({@code /api/v1/policies}, addressed by id or name) and the effective policies of a
 * route ({@code /api/v1/routes/{route}/effective-policies}).
 */
@RestController
class PolicyApiController {

    private final PolicyService policies;

    PolicyApiController(PolicyService policies) {
        this.policies = policies;
    }

    @GetMapping("/api/v1/policies")
    List<PolicyView> list(@RequestParam(required = false) String scope, @RequestParam(required = false) String type) {
        return policies.list(scope, type);
    }

    @GetMapping("/api/v1/policies/{policy}")
    ResponseEntity<PolicyView> get(@PathVariable String policy) {
        return tagged(policies.get(policy));
    }

    @PostMapping(path = "/api/v1/policies", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PolicyView> create(@RequestBody PolicyRequest request) {
        PolicyView created = policies.create(request);
        return ResponseEntity.created(URI.create("/api/v1/policies/" + created.id()))
                .eTag(IfMatch.etag(created.id(), created.version())).body(created);
    }

    @PutMapping(path = "/api/v1/policies/{policy}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PolicyView> update(@PathVariable String policy,
                                      @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                      @RequestBody PolicyRequest request) {
        return tagged(policies.update(policy, request, IfMatch.parse(ifMatch)));
    }

    @DeleteMapping("/api/v1/policies/{policy}")
    ResponseEntity<Void> delete(@PathVariable String policy,
                                @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        policies.delete(policy, IfMatch.parse(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/routes/{route}/effective-policies")
    EffectivePoliciesView effective(@PathVariable String route,
                                    @RequestParam(required = false) String consumer) {
        return policies.effective(route, consumer);
    }

    private static ResponseEntity<PolicyView> tagged(PolicyView policy) {
        return ResponseEntity.ok().eTag(IfMatch.etag(policy.id(), policy.version())).body(policy);
    }
}
