package dev.gatehouse.admin.upstream;

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
    ResponseEntity<ServiceView> get(@PathVariable String idOrName) {
        return tagged(services.get(idOrName));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ServiceView> create(@RequestBody ServiceRequest request) {
        ServiceView created = services.create(request);
        return ResponseEntity.created(URI.create("/api/v1/services/" + created.id()))
                .eTag(IfMatch.etag(created.id(), created.version())).body(created);
    }

    @PutMapping(path = "/{idOrName}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ServiceView> update(@PathVariable String idOrName,
                                       @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                       @RequestBody ServiceRequest request) {
        return tagged(services.update(idOrName, request, IfMatch.parse(ifMatch)));
    }

    @DeleteMapping("/{idOrName}")
    ResponseEntity<Void> delete(@PathVariable String idOrName,
                                @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        services.delete(idOrName, IfMatch.parse(ifMatch));
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<ServiceView> tagged(ServiceView service) {
        return ResponseEntity.ok().eTag(IfMatch.etag(service.id(), service.version())).body(service);
    }
}
