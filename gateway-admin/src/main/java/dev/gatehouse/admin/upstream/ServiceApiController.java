package dev.gatehouse.admin.upstream;

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

/** REST API for services: {@code /api/v1/services}, addressed by id or name. */
@RestController
@RequestMapping("/api/v1/services")
class ServiceApiController {

    private final UpstreamService services;

    ServiceApiController(UpstreamService services) {
        this.services = services;
    }

    @GetMapping
    List<ServiceView> list() {
        return services.list();
    }

    @GetMapping("/{idOrName}")
    ServiceView get(@PathVariable String idOrName) {
        return services.get(idOrName);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ServiceView> create(@RequestBody ServiceRequest request) {
        ServiceView created = services.create(request);
        return ResponseEntity.created(URI.create("/api/v1/services/" + created.id())).body(created);
    }

    @PutMapping(path = "/{idOrName}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ServiceView update(@PathVariable String idOrName, @RequestBody ServiceRequest request) {
        return services.update(idOrName, request);
    }

    @DeleteMapping("/{idOrName}")
    ResponseEntity<Void> delete(@PathVariable String idOrName) {
        services.delete(idOrName);
        return ResponseEntity.noContent().build();
    }
}
